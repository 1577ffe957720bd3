// The back end: writes the C files and runs gcc (and ld) on them.
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { BuildOptions, COutput } from "./index.js";
import { CPU_BASELINE } from "./baseline.js";
import { CompileError } from "./diagnostics.js";
import { RUNTIME_DIR } from "./program.js";

const run = promisify(execFile);

/** Flags every generated unit is compiled with: C's meaning as docs/subset.md states it.
 *  Kernel code may read address 0 on purpose: -fno-delete-null-pointer-checks
 *  keeps gcc from replacing such a load with a trap instruction.
 *  -march=i586 is Tsuki's CPU baseline (README, docs/kernel.md): gcc's default
 *  for -m32 is i686, whose cmov faults on a Pentium or a 486. -mtune=generic:
 *  schedule for the CPUs it will mostly run on, not for the Pentium itself. */
export const COMMON_FLAGS = ["-std=c11", "-m32", `-march=${CPU_BASELINE}`, "-mtune=generic", "-O2", "-gdwarf-4", "-fwrapv", "-fno-strict-aliasing", "-fno-asynchronous-unwind-tables"];
// -mstringop-strategy=rep_4byte: a memset or memcpy gcc expands in place moves
//  four bytes a step (rep stosl/movsl and a tail), not one (rep stosb), which
//  is what it otherwise picks for a length it cannot see at -march=i586.
export const FREESTANDING_FLAGS = ["-ffreestanding", "-mstringop-strategy=rep_4byte", "-fno-omit-frame-pointer", "-fno-delete-null-pointer-checks", "-fno-pic", "-fno-stack-protector", "-mgeneral-regs-only", "-fno-builtin", "-mno-red-zone"];

async function writeIfChanged(file: string, text: string): Promise<void> {
  const old = await readFile(file, "utf8").catch(() => null);
  if (old !== text) await writeFile(file, text);
}

async function gcc(args: string[], what: string): Promise<void> {
  try {
    await run("gcc", args, { maxBuffer: 16 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    // Valid subset programs always give valid C: an error here is a compiler bug.
    throw new CompileError([{ file: what, line: 0, col: 0, message: `gcc failed (a compiler bug, please report it):\n${err.stderr ?? err.message}` }]);
  }
}

/** Runs at most `limit` tasks at once. */
async function pool<T>(items: T[], limit: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function buildC(c: COutput, opts: BuildOptions): Promise<void> {
  const out = path.resolve(opts.out);
  const cDir = path.resolve(opts.cDir ?? `${out}.gen`);
  await mkdir(cDir, { recursive: true });
  await writeIfChanged(path.join(cDir, c.header.cPath), c.header.c);
  const host = opts.target === "host";
  const flags = [...COMMON_FLAGS, ...(host ? ["-DTSUKI_HOST=1"] : FREESTANDING_FLAGS), ...(opts.cflags ?? []), `-I${RUNTIME_DIR}`, `-I${cDir}`];
  const objects: string[] = [];
  const jobs: { src: string; obj: string; extra: string[] }[] = [];
  for (const m of c.modules) {
    const src = path.join(cDir, m.cPath);
    await mkdir(path.dirname(src), { recursive: true });
    await writeIfChanged(src, m.c);
    const obj = src.replace(/\.c$/, ".o");
    objects.push(obj);
    jobs.push({ src, obj, extra: [] });
  }
  if (host) {
    // Printing and main, and the recorded machine behind the privileged intrinsics.
    // A dash in the object names: no module's object is named so.
    for (const [src, extra] of [["host", [`-DTSUKI_MAIN=${c.main}`]], ["machine", []]] as const) {
      const obj = path.join(cDir, `tsuki-runtime-${src}.o`);
      jobs.push({ src: path.join(RUNTIME_DIR, `${src}.c`), obj, extra: [...extra] });
      objects.push(obj);
    }
  } else {
    const obj = path.join(cDir, "tsuki-runtime-freestanding.o");
    // -fno-tree-loop-distribute-patterns keeps gcc from turning memcpy's own loop into a call to memcpy.
    jobs.push({ src: path.join(RUNTIME_DIR, "freestanding.c"), obj, extra: ["-fno-tree-loop-distribute-patterns"] });
    objects.push(obj);
  }
  await pool(jobs, Math.max(1, os.availableParallelism?.() ?? 2), (j) => gcc([...flags, ...j.extra, "-c", j.src, "-o", j.obj], j.src));
  await mkdir(path.dirname(out), { recursive: true });
  if (host) {
    await gcc(["-m32", "-o", out, ...objects], out);
  } else {
    try {
      await run("ld", ["-m", "elf_i386", "-r", "-o", out, ...objects]);
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new CompileError([{ file: out, line: 0, col: 0, message: `ld -r failed: ${err.stderr ?? err.message}` }]);
    }
  }
}
