// Host tests of kernel logic: the kernel's pure modules (physical memory map,
// layout rules, CPU baseline, boot area, ELF checks, command line, boot
// heap, page tables, the memory managers) and machine modules on the
// recorded machine (MMU control registers, UART, GDT) compiled with `tsuki
// compile --target host` together with the drivers in tests/kernel-host/,
// and run as a Linux i386 program. Each failed check prints a FAIL line; the
// exit status is the number of failures.

import { it } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { compileProgram, CompileError } from "../compiler/index.js";
import { ROOT } from "../tools/realmode.js";

const exec = promisify(execFile);

it("kernel logic passes its host tests (tests/kernel-host/)", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kernel-host-"));
  try {
    const exe = path.join(dir, "kernel-host");
    try {
      await compileProgram({ files: [path.join(ROOT, "tests", "kernel-host", "main.ts")], target: "host", out: exe, root: ROOT });
    } catch (e) {
      if (e instanceof CompileError) assert.fail(`tests/kernel-host does not compile:\n${e.message}`);
      throw e;
    }
    let stdout: string;
    try {
      stdout = (await exec(exe)).stdout;
    } catch (e) {
      const r = e as { code?: number; stdout?: string };
      assert.fail(`${r.code} host check(s) failed:\n${r.stdout}`);
    }
    for (const suite of ["physmap", "physmap-hostile", "layout", "elf", "cmdline", "bootheap", "vm", "e820", "boot", "frames", "frame-edges", "frame-above", "kvspace", "slab", "space", "space-failures", "mmu", "serial", "gdt", "backtrace", "format", "cmdline-prefix", "runqueue", "pic", "userstack", "descriptors"]) {
      assert.match(stdout, new RegExp(`^suite ${suite}$`, "m"), `suite ${suite} did not run`);
    }
    assert.match(stdout, /^failures 0$/m, stdout);
    const checks = Number(/^checks (\d+)$/m.exec(stdout)?.[1]);
    assert.ok(checks >= 150, `only ${checks} checks ran`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The memory managers' machine layer and its glue, compiled on their own:
// check that the machine layer really flushes the TLB.
it("the memory managers' machine layer compiles for the kernel (kernel/i686/kmap.ts, kernel/mm/kpages.ts)", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kmap-"));
  try {
    const obj = path.join(dir, "kmap.o");
    const files = [path.join(ROOT, "kernel", "i686", "kmap.ts"), path.join(ROOT, "kernel", "mm", "kpages.ts")];
    await compileProgram({ files, target: "kernel", out: obj, root: ROOT });
    const dis = execFileSync("objdump", ["-d", obj], { encoding: "utf8" });
    for (const fn of ["kernel_i686_kmap__kernelMapPage", "kernel_i686_kmap__kernelUnmapPage", "kernel_mm_kpages__kernelPageAlloc"]) {
      const body = dis.split(`<${fn}>:`)[1]?.split("\n\n")[0];
      assert.ok(body, `${fn} is in the object:\n${dis}`);
      if (fn.includes("kmap")) assert.match(body, /invlpg/, `${fn} flushes the page's TLB entry:\n${body}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The address spaces' machine side, compiled for the kernel: the switch is a
// CR3 load, the flush an invlpg, and the policy reaches both through them:
// by a call, or by the same function inlined (the program is one translation
// unit), which the debug information records as an inline frame of it.
it("address spaces reach the MMU through kernel/i686/mmu.ts: CR3 on switch, invlpg on unmap", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-space-"));
  try {
    const obj = path.join(dir, "space.o");
    const files = [path.join(ROOT, "kernel", "mm", "space.ts"), path.join(ROOT, "kernel", "mm", "spacemap.ts")];
    await compileProgram({ files, target: "kernel", out: obj, root: ROOT });
    const dis = execFileSync("objdump", ["-drl", "--inlines", obj], { encoding: "utf8" });
    const body = (fn: string) => {
      const b = dis.split(`<${fn}>:`)[1]?.split("\n\n")[0];
      assert.ok(b, `${fn} is in the object:\n${dis}`);
      return b;
    };
    assert.match(body("kernel_i686_mmu__switchDirectory"), /mov\s+%e\w\w,%cr3/, "switchDirectory loads CR3");
    assert.match(body("kernel_i686_mmu__flushPage"), /invlpg/, "flushPage is an invlpg");
    const through = (fn: string, callee: string) => new RegExp(`call\\s.*<${callee}>|^${callee}\\(\\):\\n[^\\n]*kernel/i686/mmu\\.ts:|inlined by .*kernel/i686/mmu\\.ts:\\d+ \\(${callee}\\)`, "m").test(body(fn));
    assert.ok(through("kernel_mm_space__spaceActivate", "kernel_i686_mmu__switchDirectory"), `spaceActivate switches through mmu.ts:\n${body("kernel_mm_space__spaceActivate")}`);
    assert.ok(through("kernel_mm_spacemap__spaceUnmap", "kernel_i686_mmu__flushPage"), `spaceUnmap flushes through mmu.ts:\n${body("kernel_mm_spacemap__spaceUnmap")}`);
    // Every CR3 access or invlpg in the policy's functions is mmu.ts's code, inlined.
    const ownMmuUse = (fn: string) => {
      let where = "";
      let fresh = true;
      for (const line of body(fn).split("\n")) {
        const insn = /^\s+[0-9a-f]+:\t/.test(line);
        if (!insn) {
          where = fresh ? line : `${where}\n${line}`;
          fresh = false;
          continue;
        }
        fresh = true;
        if (/%cr3|invlpg/.test(line) && !where.includes("kernel/i686/mmu.ts")) return line;
      }
      return undefined;
    };
    for (const fn of ["kernel_mm_space__spaceCreate", "kernel_mm_spacemap__spaceMap", "kernel_mm_space__spaceDestroy", "kernel_mm_space__spaceActivate", "kernel_mm_spacemap__spaceUnmap"]) {
      const own = ownMmuUse(fn);
      assert.equal(own, undefined, `${fn} touches the MMU itself, not through mmu.ts: ${own}\n${body(fn)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
