// User space (issue 8, first part): the process manager runs in ring 3 in an
// address space of its own, says it is ready through the ConsoleWrite
// system call with the entry the kernel offered (sysenter where the CPU has
// it, int 0x80 on a Pentium), gets its arguments and environment from the
// kernel command line, checks the system calls' argument errors, and powers
// off through the system call that only it may make. Each failing test
// prints its serial log.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { boot, type BootOptions } from "../tools/run.js";
import { withLog } from "./lib/layoutreport.js";

let built: Promise<BuildResult>;
let out: string;

before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-user-test-"));
  built = build({ out, log: () => {} });
  return built;
});

after(() => rmSync(out, { recursive: true, force: true }));

const run = async (opts: Omit<BootOptions, "image">) => boot({ timeoutSec: 30, ...opts, image: (await built).image });

const READY = /^procmgr: ready, (\d+) free pages, system calls by (sysenter|int 0x80)\r?$/m;

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
  const free = Number(/^frames: free: (\d+) pages/m.exec(serial)?.[1]);
  const seen = Number(m[1]);
  // What the kernel holds by then: its own objects, the process manager's pages and tables.
  assert.ok(seen < free && seen > free - 200, `the free-page count it was given (${seen}) is the kernel's, less what the boot used (${free})`);
  assert.match(serial, /^kernel: power-off with status 0 asked by thread \d+\r?$/m, "it powered off through the system call");
  assert.doesNotMatch(serial, /^PANIC/m);
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
