// The kernel's CPU tables and interrupts (issue 7): every exception a test
// mode provokes ends in a PANIC report that names the vector, decodes the
// error code, puts eip inside the kernel, gives cr2 for page faults, all
// registers, and a stack trace of at least two return addresses; a stray
// vector reaches the default handler; the PIT ticks with interrupts on.
// Each failing test prints the serial log of its boot.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { readElf } from "../tools/elf.js";
import { boot } from "../tools/run.js";
import { panicAddresses, symbolFilesFor, symbolize } from "../tools/symbolize.js";
import { hex, withLog } from "./lib/layoutreport.js";

let built: Promise<BuildResult>;
let out: string;
let text = { start: 0, end: 0 };

before(() => {
  // Its own build directory: other test files build into theirs at the same time.
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-faults-test-"));
  built = build({ out, log: () => {} });
  return built.then((b) => {
    const t = readElf(readFileSync(b.kernel), "kernel ELF").sections.find((x) => x.name === ".text");
    assert.ok(t, "build/kernel.elf has .text");
    text = { start: t.addr, end: t.addr + t.size };
  });
});

after(() => rmSync(out, { recursive: true, force: true }));

type Loader = "qemu" | "grub" | "grub16";
/** Every report also through GRUB's 32-bit and 16-bit entries (at 128 MB): the loader must not matter. */
const LOADERS: Loader[] = ["qemu", "grub", "grub16"];
const run = async (append: string, loader: Loader = "qemu") => boot({ image: (await built).image, boot: loader, append, timeoutSec: 20 });
const num = (s: string) => Number.parseInt(s, 16);

/** The report's fields, checked for what every report must hold. */
function report(serial: string, headline: RegExp): { eip: number; trace: number[]; regs: Map<string, number> } {
  const lines = serial.split(/\r?\n/);
  const at = lines.findIndex((l) => l.startsWith("PANIC: "));
  assert.ok(at >= 0, "a PANIC line");
  assert.match(lines[at]!, headline);
  const eip = num(/, eip 0x([0-9a-f]{8})$/.exec(lines[at]!)?.[1] ?? "0");
  assert.ok(eip >= text.start && eip < text.end, `eip ${hex(eip)} is inside the kernel's .text [${hex(text.start)}, ${hex(text.end)})`);
  const regs = new Map<string, number>();
  for (const l of lines.slice(at + 1, at + 3)) for (const m of l.matchAll(/(\w+)=0x([0-9a-f]{8})/g)) regs.set(m[1]!, num(m[2]!));
  for (const r of ["eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "cs", "ds", "es", "fs", "gs", "ss", "eflags", "cr2"]) {
    assert.ok(regs.has(r), `the report gives ${r}`);
  }
  assert.equal(regs.get("cs"), 0x08, "kernel code segment");
  const traceLine = lines[at + 3] ?? "";
  assert.match(traceLine, /^ {2}trace:( 0x[0-9a-f]{8})+$/, "a trace line");
  const trace = [...traceLine.matchAll(/0x([0-9a-f]{8})/g)].map((m) => num(m[1]!));
  assert.equal(trace[0], eip, "the trace starts at eip");
  assert.ok(trace.length >= 3, `at least two return addresses after eip: ${traceLine}`);
  for (const ret of trace.slice(1)) assert.ok(ret >= 0x100000 && ret < text.end, `return address ${hex(ret)} is in setup32 or the kernel`);
  return { eip, trace, regs };
}

for (const loader of LOADERS) describe(`exceptions through ${loader}: a PANIC report for each`, { concurrency: 2 }, () => {
  it("test=de: divide error, vector 0", async () => {
    const r = await run("test=de", loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      report(r.serial, /^PANIC: divide error, error code 0x00000000, vector 0, eip /);
    });
  });
  it("test=ud: invalid opcode, vector 6", async () => {
    const r = await run("test=ud", loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      report(r.serial, /^PANIC: invalid opcode, error code 0x00000000, vector 6, eip /);
    });
  });
  it("test=gp: general protection fault with the selector decoded", async () => {
    const r = await run("test=gp", loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      const { regs } = report(r.serial, /^PANIC: general protection fault, error code 0x00001230 \(selector 0x00001230, GDT index 582\), vector 13, eip /);
      assert.equal(regs.get("eax"), 0x1230, "the selector was in eax");
    });
  });
  it("test=pf-read: page not present, read, cr2 the address", async () => {
    const r = await run("test=pf-read", loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      const { regs } = report(r.serial, /^PANIC: page fault at address 0x07fff000, error code 0x00000000 \(supervisor read, page not present\), vector 14, eip /);
      assert.equal(regs.get("cr2"), 0x07fff000);
    });
  });
  it("test=pf-write: protection violation, write to kernel text", async () => {
    const r = await run("test=pf-write", loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      const { regs } = report(r.serial, new RegExp(`^PANIC: page fault at address ${hex(text.start)}, error code 0x00000003 \\(supervisor write, protection violation\\), vector 14, eip `));
      assert.equal(regs.get("cr2"), text.start);
    });
  });
  it("test=null: page fault at address 0", async () => {
    const r = await run("test=null", loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      const { regs } = report(r.serial, /^PANIC: page fault at address 0x00000000, error code 0x00000000 \(supervisor read, page not present\), vector 14, eip /);
      assert.equal(regs.get("cr2"), 0);
    });
  });
});

describe("symbolised panics", () => {
  it("test=null: the report's eip and trace name the TypeScript lines, through the ELF line tables", async () => {
    const r = await run("test=null");
    const lineOf = (file: string, text: string) => readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes(text)) + 1;
    const faulting = lineOf("kernel/selftest.ts", "volatileLoad32(nullReadAddress)");
    const caller = lineOf("kernel/main.ts", "runTestModes(info)");
    assert.ok(faulting > 0 && caller > 0, "the lines exist");
    const places = symbolize(panicAddresses(r.serial), symbolFilesFor((await built).image));
    withLog(r, () => {
      assert.ok(places.length >= 3, places.join("\n"));
      assert.match(places[0]!, new RegExp(`^0x[0-9a-f]{8} kernel/selftest\\.ts:${faulting} kernel_selftest__runTestModes\\b`), "eip: the load of address 0");
      assert.match(places[1]!, new RegExp(`^0x[0-9a-f]{8} kernel/main\\.ts:${caller} kernel_main__main$`), "the return address: main's call of runTestModes");
    });
  });
});

for (const loader of LOADERS) describe(`double faults through ${loader}`, () => {
  it("test=stack-overflow: a kernel stack that runs into its guard page is reported by the double-fault task", async () => {
    const r = await run("test=stack-overflow", loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", `a report, not a triple fault (reset): ${r.message}`);
      const guard = num(/^test: guard page at 0x([0-9a-f]{8}), recursing\r?$/m.exec(r.serial)?.[1] ?? "0");
      assert.ok(guard > 0, "the guard page was set up");
      const m = /^PANIC: double fault, eip 0x([0-9a-f]{8}), esp 0x([0-9a-f]{8}) \(a kernel stack overflow/m.exec(r.serial);
      assert.ok(m, "a double-fault report");
      const [eip, esp] = [num(m[1]!), num(m[2]!)];
      assert.ok(eip >= text.start && eip < text.end, `eip ${hex(eip)} is in the kernel`);
      assert.ok(esp >= guard && esp < guard + 0x1000, `esp ${hex(esp)} is inside the guard page ${hex(guard)}`);
      // The page fault that could not be delivered was a stack access in the guard page.
      const cr2 = num(/ cr2=0x([0-9a-f]{8})\r?$/m.exec(r.serial)?.[1] ?? "0");
      assert.ok(cr2 >= guard && cr2 < guard + 0x1000, `cr2 ${hex(cr2)} is inside the guard page`);
    });
  });
});

describe("interrupts", { concurrency: 2 }, () => {
  it("test=vector: a vector nothing uses reaches the default handler", async () => {
    const r = await run("test=vector");
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      assert.match(r.serial, /^PANIC: unexpected interrupt vector 65, eip 0x[0-9a-f]{8}, cs 0x00000008/m);
    });
  });
  it("test=ticks: the PIT ticks at 100 Hz with interrupts on, and boot still powers off", async () => {
    // Under -icount shift=0,sleep=off the TSC counts virtual nanoseconds
    // (BOOT-NOTES), so the rate is checked deterministically, not by the wall clock.
    const r = await boot({ image: (await built).image, boot: "qemu", append: "test=ticks", timeoutSec: 20, qemuArgs: ["-icount", "shift=0,sleep=off"] });
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      const m = /^clock: 10 ticks at 100 Hz in (\d+) cycles\r?$/m.exec(r.serial);
      assert.ok(m, "the clock line");
      // The PIT divides 1193182 Hz by 11932: a period of 10.000168 ms.
      const period = 1e9 * 11932 / 1193182;
      const perTick = Number(m[1]) / 10;
      assert.ok(Math.abs(perTick - period) / period < 0.001, `${perTick} ns a tick, expected ${period.toFixed(0)} (within 0.1%)`);
    });
  });
});
