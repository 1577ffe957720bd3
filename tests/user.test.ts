// User space (issue 8, first part): the process manager runs in ring 3 in an
// address space of its own, says it is ready through the ConsoleWrite
// system call with the entry the kernel offered (sysenter where the CPU has
// it, int 0x80 on a Pentium), gets its arguments and environment from the
// kernel command line, checks the system calls' argument errors, and powers
// off through the system call that only it may make; test=all also under
// v86 at two memory sizes, with the layout rules. Each failing test prints
// its serial log.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { boot, type BootOptions } from "../tools/run.js";
import { checkLayout, parse, withLog } from "./lib/layoutreport.js";
import { V86_SEABIOS_RESERVE, v86InitrdProblem } from "../tools/v86.js";
import { symbolize, userFaultAddresses, userSymbolFilesFor } from "../tools/symbolize.js";
import { ROOT } from "../tools/realmode.js";

let built: Promise<BuildResult>;
let out: string;

before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-user-test-"));
  built = build({ out, log: () => {} });
  return built;
});

after(() => rmSync(out, { recursive: true, force: true }));

const run = async (opts: Omit<BootOptions, "image">) => boot({ timeoutSec: 30, ...opts, image: (await built).image });

/** Pages the kernel keeps from user programs, read from the one place it is defined. */
const RESERVE = Number(/KERNEL_RESERVE_PAGES: u32 = (\d+);/.exec(readFileSync(path.join(ROOT, "kernel", "abi.ts"), "utf8"))?.[1]);

const READY = /^procmgr: ready at cycle \d+, (\d+) free pages, system calls by (sysenter|int 0x80)\r?$/m;

/** The process manager ran in ring 3 and powered off through its system call. */
function checkRan(serial: string, entry: "sysenter" | "int 0x80"): void {
  const loaded = /^procmgr: loaded, (\d+) pages, entry 0x([0-9a-f]{8}), stack 0x([0-9a-f]{8}), \d+ arguments\r?$/m.exec(serial);
  assert.ok(loaded, "the kernel loaded the process manager");
  assert.ok(Number.parseInt(loaded[2]!, 16) >= 0x08000000, "its entry point is above KLIMIT");
  const sp = Number.parseInt(loaded[3]!, 16);
  assert.ok(sp > 0xfffef000 && sp < 0xfffff000 && sp % 16 === 0, `its stack pointer 0x${sp.toString(16)} is 16-byte aligned in the stack's top page`);
  const m = READY.exec(serial);
  assert.ok(m, "procmgr: ready");
  assert.equal(m[2], entry);
  const free = Number(/^frames: free: (\d+) pages/m.exec(serial)?.[1]) - RESERVE;
  const seen = Number(m[1]);
  // What the kernel holds by then: its own objects, the process manager's pages and tables.
  assert.ok(seen < free && seen > free - 200, `the free-page count it was given (${seen}) is the kernel's less its reserve, less what the boot used (${free})`);
  assert.match(serial, /^kernel: power-off with status 0 asked by thread \d+\r?$/m, "it powered off through the system call");
  assert.doesNotMatch(serial, /^PANIC/m);
}

/** test=all's report: every built-in test said ok, and the three faulting threads were reported. */
function checkAllPassed(serial: string): void {
  for (const t of ["syscall-args", "threads", "nullderef", "kernel-read", "kernel-write", "memory", "ipc", "ipc-spaces", "exit", "syscall-fuzz", "sysenter-flags"]) {
    assert.match(serial, new RegExp(`^test ${t}: ok\\b`, "m"), `test ${t}`);
  }
  assert.doesNotMatch(serial, /FAIL/);
  // The three faulting threads were reported, with a decoded page fault each.
  const faults = [...serial.matchAll(/^threads: thread \d+ \(user\) of process \d+ \(procmgr\) ended by a user-mode exception: page fault at address (0x[0-9a-f]{8}), error code (0x[0-9a-f]{8})/gm)];
  assert.deepEqual(faults.map((m) => [m[1], m[2]]), [["0x00000000", "0x00000004"], ["0x00101000", "0x00000005"], ["0x000b8000", "0x00000007"]]);
}

describe("the process manager in ring 3", { concurrency: 2 }, () => {
  it("default CPU (SEP): system calls by sysenter", async () => {
    const r = await run({});
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      checkRan(r.serial, "sysenter");
    });
  });

  it("-cpu pentium (no SEP): system calls by int 0x80", async () => {
    const r = await run({ cpu: "pentium" });
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      checkRan(r.serial, "int 0x80");
    });
  });

  for (const loader of ["grub", "grub16"] as const) {
    it(`through ${loader}`, async () => {
      const r = await run({ boot: loader });
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        checkRan(r.serial, "sysenter");
      });
    });
  }

  it("its arguments and environment come from the command line; the kernel keeps loglevel=", async () => {
    const r = await run({ append: "alpha beta=1 loglevel=info gamma test=none" });
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      // argv: procmgr alpha gamma; environment: beta=1 test=none (QEMU adds no words).
      assert.match(r.serial, /^procmgr: 3 arguments, 2 environment words\r?$/m);
    });
  });

  for (const loader of ["qemu", "grub", "grub16"] as const) {
    for (const memoryMB of [128, 3072]) {
      for (const cpu of [undefined, "pentium"]) {
        it(`test=all through ${loader}, ${memoryMB} MB, ${cpu ?? "default"} CPU: every built-in test of the process manager passes`, async () => {
          const r = await run({ boot: loader, memoryMB, cpu, append: "test=all", timeoutSec: 90 });
          withLog(r, () => {
            assert.equal(r.outcome, "poweroff", r.message);
            checkRan(r.serial, cpu === "pentium" ? "int 0x80" : "sysenter");
            checkAllPassed(r.serial);
          });
        });
      }
    }
  }

  // v86 (tools/v86.ts): its CPU has SEP, and SeaBIOS keeps the top 16 MB
  // reserved; its loader puts an initrd at 64 MiB, so the 64 MB boot has none.
  for (const memoryMB of [64, 256]) {
    it(`test=all through v86, ${memoryMB} MB: the layout rules hold on its e820 map, every built-in test passes, by sysenter`, async () => {
      const archive = (await built).initrd;
      const initrd = v86InitrdProblem(memoryMB, statSync(archive).size) === undefined ? archive : "";
      assert.equal(initrd === "", memoryMB === 64, "the initrd fits at 256 MB, not at 64");
      const r = await run({ boot: "v86", memoryMB, initrd, append: "test=all", timeoutSec: 90 });
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        assert.match(r.serial, /^cpu: .*features: .*\bsep\b/m, "v86's CPU reports SEP");
        checkLayout(parse(r.serial), memoryMB, initrd !== "" ? statSync(initrd).size : 0, V86_SEABIOS_RESERVE / 0x100000);
        checkRan(r.serial, "sysenter");
        checkAllPassed(r.serial);
      });
    });
  }

  it("a user fault's report names the TypeScript line that faulted, through the process manager's line tables", async () => {
    const r = await run({ append: "test=nullderef" });
    const b = await built;
    const line = readFileSync(path.join(ROOT, "procmgr", "threadtests.ts"), "utf8").split("\n").findIndex((l) => l.includes("return volatileLoad32(faultAddress)")) + 1;
    const reports = userFaultAddresses(r.serial);
    withLog(r, () => {
      assert.ok(line > 0, "the faulting line exists");
      assert.equal(reports.length, 1, "one user fault of the process manager");
      const places = symbolize(reports[0]!, userSymbolFilesFor(b.image));
      assert.match(places[0]!, new RegExp(`^0x[0-9a-f]{8} procmgr/threadtests\\.ts:${line} procmgr_threadtests__readAt\\b`), places.join("\n"));
      assert.ok(places.length >= 2, "and the trace goes on");
    });
  });

  for (const cpu of [undefined, "pentium"]) {
    it(`test=syscall-args${cpu ? ` on -cpu ${cpu}` : ""}: kernel, unmapped, straddling and wrapping pointers, sizes and call numbers get their errors`, async () => {
      const r = await run({ append: "test=syscall-args", cpu });
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        assert.match(r.serial, /^test syscall-args: ok\r?$/m);
        assert.doesNotMatch(r.serial, /FAIL/);
      });
    });
  }
});
