// Threads and the scheduler (issue 7): the first thread leaves the boot
// stack for good (unmapped, and touching it faults), two threads that never
// yield are both preempted and resumed within a bound, 200 threads run and
// are joined with no page lost, an exception from "user mode" ends only its
// thread, and a thread that overflows its kernel stack hits its guard page
// and gets a double-fault report. Each failing test prints its serial log.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { boot } from "../tools/run.js";
import { field, hex, parse, withLog } from "./lib/layoutreport.js";

let built: Promise<BuildResult>;
let out: string;

before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-threads-test-"));
  built = build({ out, log: () => {} });
  return built;
});

after(() => rmSync(out, { recursive: true, force: true }));

type Loader = "qemu" | "grub" | "grub16";
const run = async (append: string, memoryMB = 128, loader: Loader = "qemu") => boot({ image: (await built).image, boot: loader, memoryMB, append, timeoutSec: 30 });
const num = (s: string) => Number.parseInt(s, 16);

/** The retired boot stack's range from its line, checked against boot_end from the layout report. */
function retired(serial: string): { low: number; high: number } {
  const m = /^threads: running thread (\d+) on its own kernel stack; boot stack \[0x([0-9a-f]{8}), 0x([0-9a-f]{8})\) unmapped\r?$/m.exec(serial);
  assert.ok(m, "the first thread says it left the boot stack");
  const [low, high] = [num(m[2]!), num(m[3]!)];
  assert.equal(high, field(parse(serial), "boot_end"), "the boot stack ends at boot_end");
  const deepest = num(/^boot: stack high-water mark 0x([0-9a-f]{8}),/m.exec(serial)?.[1] ?? "0");
  assert.ok(deepest >= low && deepest < high, `the deepest the boot stack reached (${hex(deepest)}) is inside the retired range`);
  return { low, high };
}

for (const loader of ["qemu", "grub", "grub16"] as const) describe(`threads through ${loader}`, { concurrency: 2 }, () => {
  it("a plain boot runs its end on the first thread, with the boot stack unmapped", async () => {
    const r = await run("", 128, loader);
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      const { low, high } = retired(r.serial);
      assert.equal(high - low, 0x4000, "the whole 16 KiB reserve is unmapped");
      assert.ok(r.serial.indexOf("threads: running thread") < r.serial.indexOf("boot: done in"), "the boot ends on the thread");
    });
  });

  it("test=bootstack: touching the retired boot stack faults, so nothing can still be using it", async () => {
    const r = await run("test=bootstack", 128, loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      const { high } = retired(r.serial);
      const m = /^PANIC: page fault at address 0x([0-9a-f]{8}), error code 0x00000000 \(supervisor read, page not present\), vector 14, eip /m.exec(r.serial);
      assert.ok(m, "a not-present page fault");
      assert.equal(num(m[1]!), high - 4, "at the top word of the boot stack");
      assert.match(r.serial, /^ {2}trace:( 0x[0-9a-f]{8}){3,}\r?$/m, "a trace through the first thread's frames");
    });
  });

  it("test=preempt: two threads that never yield are both preempted and resumed within a bound of ticks", async () => {
    const r = await run("test=preempt", 128, loader);
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      const m = /^preempt: two threads that never yield ran (\d+) and (\d+) times \(first after (\d+) and (\d+) ticks\), within (\d+) ticks; slice (\d+) ticks\r?$/m.exec(r.serial);
      assert.ok(m, "the preempt line");
      const [runsA, runsB, firstA, firstB, within, slice] = m.slice(1).map(Number) as [number, number, number, number, number, number];
      assert.ok(runsA >= 2 && runsB >= 2, "each was switched to at least twice: started, preempted, resumed");
      assert.ok(slice >= 1);
      // Round robin: each waits at most for the other spinner's slice and the main thread's.
      assert.ok(firstA <= 2 * slice + 1 && firstB <= 2 * slice + 1, `both started within two slices (${firstA}, ${firstB})`);
      assert.ok(within <= 4 * slice + 4, `both resumed within ${within} ticks`);
      const iters = /^preempt: loop iterations (\d+) and (\d+)\r?$/m.exec(r.serial);
      assert.ok(iters && Number(iters[1]) > 0 && Number(iters[2]) > 0, "both loops made progress");
    });
  });

  for (const memoryMB of loader === "qemu" ? [32, 128] : [128]) {
    it(`test=threads at ${memoryMB} MB: 200 threads created, run and joined; every page comes back`, async () => {
      const r = await run("test=threads", memoryMB, loader);
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        const m = /^threads: (\d+) created, run and joined \((\d+) failed\); free pages (\d+) before, (\d+) with all alive, (\d+) after; kernel pages free (\d+)\r?$/m.exec(r.serial);
        assert.ok(m, "the threads line");
        const [n, failed, before, alive, afterwards] = m.slice(1).map(Number) as [number, number, number, number, number];
        assert.equal(n, 200);
        assert.equal(failed, 0);
        assert.equal(afterwards, before, "free pages after = before");
        // Each thread holds two stack pages; objects share slab pages.
        assert.ok(before - alive >= 2 * n, `the live threads held at least ${2 * n} pages (${before - alive})`);
        assert.ok(before - alive <= 3 * n, `and not much more (${before - alive})`);
      });
    });
  }

  it("test=user-fault: an exception from user mode ends its thread and the kernel goes on", async () => {
    const r = await run("test=user-fault", 128, loader);
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", `the boot completes: ${r.message}`);
      // The same report as a kernel panic's, at warn: decoded headline, registers, a (user) trace.
      assert.match(r.serial, /^threads: thread \d+ \(fake-user\) of process 0 \(none\) ended by a user-mode exception: general protection fault, error code 0x00000000, vector 13, eip 0x08048123\r?$/m);
      assert.match(r.serial, /^ {2}eax=0x[0-9a-f]{8} .* esp=0xbfffff00\r?$/m, "the user stack pointer");
      assert.match(r.serial, /^ {2}cs=0x0000001b ds=0x00000023 .* ss=0x00000023 eflags=0x00000202 cr2=0x[0-9a-f]{8}\r?$/m, "ring-3 selectors");
      assert.match(r.serial, /^ {2}trace: 0x08048123\r?$/m, "the trace starts at the user eip");
      assert.match(r.serial, /^user-fault: the thread was ended, the kernel goes on\r?$/m);
      assert.doesNotMatch(r.serial, /^PANIC/m);
    });
  });

  it("test=thread-overflow: a thread's stack overflow hits its guard page and is reported by the double-fault task", async () => {
    const r = await run("test=thread-overflow", 128, loader);
    withLog(r, () => {
      assert.equal(r.outcome, "panic", `a report, not a triple fault: ${r.message}`);
      const m = /^PANIC: double fault, eip 0x([0-9a-f]{8}), esp 0x([0-9a-f]{8}) \(/m.exec(r.serial);
      assert.ok(m, "a double-fault report");
      const cr2 = num(/ cr2=0x([0-9a-f]{8})\r?$/m.exec(r.serial)?.[1] ?? "0");
      const esp = num(m[2]!);
      // The guard page is the page below the stack: esp ran into it, and the
      // fault that could not be delivered was there too.
      assert.equal(cr2 & ~0xfff, esp & ~0xfff, `cr2 ${hex(cr2)} and esp ${hex(esp)} are in the same (guard) page`);
      assert.ok(esp > field(parse(r.serial), "kernel_region_top"), "on a thread stack, above the kernel region");
      const g = /^ {2}the running kernel stack \[0x([0-9a-f]{8}), 0x([0-9a-f]{8})\) overflowed into its guard page at 0x([0-9a-f]{8})\r?$/m.exec(r.serial);
      assert.ok(g, "the report names the stack and its guard page");
      const [low, high, guard] = [num(g[1]!), num(g[2]!), num(g[3]!)];
      assert.equal(high - low, 0x2000, "an 8 KiB thread stack");
      assert.equal(guard, low - 0x1000, "the guard page is just below it");
      assert.equal(cr2 & ~0xfff, guard, "cr2 is in the guard page");
    });
  });
});
