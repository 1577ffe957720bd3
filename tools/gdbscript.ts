// gdb's view of a Tsuki build: the command file `tsuki debug` (and an IDE
// attaching to `tsuki debug --server`) sources. It loads the symbols of
// setup32, the kernel and the process manager at their link addresses
// (setup32 and the kernel run where they are linked, 1:1; every user program
// links at 0x08048000 in its own address space, so only one program's symbols
// can be loaded at a time: `tsuki-program NAME` switches). gcc's DWARF
// carries the compiler's #line directives, so gdb's files and lines are the
// TypeScript sources: `break kernel/mm/vm.ts:91`, `list`, `bt`.
//
// Written to a gdb/ directory next to the image: kernel.elf (the kernel's
// debug ELF with one more symbol, `main`, so that `break main` works: the
// compiler names functions module__name, kernel/main.ts's main is
// kernel_main__main, the ELF's entry point), links to each user program's
// debug ELF, and tsuki.gdb.

import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { readElf } from "./elf.js";
import { debugElfsFor } from "./symbolize.js";

const exec = promisify(execFile);

/** What the command file refers to, all absolute paths. */
export interface GdbFiles {
  /** The sources' root: DWARF names files relative to it (kernel/mm/vm.ts). */
  root: string;
  kernel: string;
  setup32?: string;
  /** User programs by name, the process manager first (its symbols are loaded at start). */
  programs: { name: string; path: string }[];
  /** An address inside every user program's text, to tell gdb which symbol file to drop. */
  userText: number;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;

/** The command file's text: symbols and helper commands, no `target remote` (the caller adds it). */
export function gdbScript(f: GdbFiles): string {
  const first = f.programs[0];
  const user = (name: string) => path.join(path.dirname(f.kernel), `user-${name}.elf`);
  return [
    "# Written by `tsuki debug`: symbols of a Tsuki build (see README, \"Debugging\").",
    "set confirm off",
    "set architecture i386",
    `directory ${f.root}`,
    `file ${f.kernel}`,
    // gdb reads the section addresses from the ELF itself: they are the run-time ones.
    ...(f.setup32 ? [`add-symbol-file ${f.setup32}`] : []),
    ...(first ? [`add-symbol-file ${user(first.name)}`] : []),
    "define tsuki-program",
    `  remove-symbol-file -a ${hex(f.userText)}`,
    `  add-symbol-file ${path.join(path.dirname(f.kernel), "user-$arg0.elf")}`,
    "end",
    "document tsuki-program",
    `Replaces the user program's symbols with those of another: ${f.programs.map((p) => p.name).join(", ")}.`,
    "Every program links at 0x08048000, each in its own address space: a breakpoint there stops in whichever runs.",
    "end",
    "",
  ].join("\n");
}

/**
 * Writes IMAGE's gdb/ directory (see the top of this file) and returns the
 * command file's path. Throws with a clear message when the build lacks the
 * kernel's debug ELF.
 */
export async function prepareGdb(image: string, root: string): Promise<string> {
  const elfs = debugElfsFor(image);
  if (!existsSync(elfs.kernel)) throw new Error(`${elfs.kernel}: no such file (build it with \`npm run build\`)`);
  const dir = path.join(path.dirname(image), "gdb");
  await mkdir(dir, { recursive: true });
  const kernel = path.join(dir, "kernel.elf");
  const elf = readElf(readFileSync(elfs.kernel), elfs.kernel);
  const entry = elf.header.entry;
  const text = elf.sections.find((s) => s.addr <= entry && entry < s.addr + s.size && s.name.startsWith(".text"));
  if (text === undefined) throw new Error(`${elfs.kernel}: no section holds the entry point ${hex(entry)}`);
  // Section-relative, so gdb sees a function symbol (an absolute one it ignores for `break`).
  // Written beside and renamed: a session already running keeps a whole file.
  const tmp = `${kernel}.${process.pid}.tmp`;
  await exec("objcopy", ["--add-symbol", `main=${text.name}:0x${(entry - text.addr).toString(16)},global,function`, elfs.kernel, tmp]);
  await rename(tmp, kernel);
  const programs = [...(existsSync(elfs.procmgr) ? [{ name: "procmgr", path: elfs.procmgr }] : []), ...elfs.programs];
  for (const p of programs) {
    const link = path.join(dir, `user-${p.name}.elf`);
    await rm(link, { force: true });
    await symlink(path.resolve(p.path), link);
  }
  const userText = programs[0] ? readElf(readFileSync(programs[0].path), programs[0].path).header.entry : 0x08048000;
  const script = path.join(dir, "tsuki.gdb");
  const setup32 = existsSync(elfs.setup32) ? path.resolve(elfs.setup32) : undefined;
  await writeFile(script, gdbScript({ root: path.resolve(root), kernel: path.resolve(kernel), setup32, programs, userText }));
  return script;
}
