// The process manager's ELF file, as the image tool placed it at proc_start.
//
// It is never executed in place: when user space exists the kernel will give
// it an address space and copy or map its segments above KLIMIT. For now the
// kernel only makes sure the file is fit for that, and says where it is.
// tsuki: optimize for size

import { ELF_PROBLEMS, ElfProblem, PF_R, PF_W, PF_X, PT_LOAD, checkExecutable, elfHeader, programHeader } from "./elf";
import { fmtStr } from "./format";
import { KLIMIT } from "./layout";
import { LogLevel, log4, log7 } from "./log";
import { panic2 } from "./panic";

/** One letter of a segment's `rwx`, or `-`. */
function flagLetter(flags: u32, bit: u32, letter: CStr): usize {
  return fmtStr((flags & bit) !== 0 ? letter : "-");
}

/** Panics unless [start, start + size) is an i386 ELF32 executable linked above KLIMIT; reports it. */
export function checkProcessManager(start: usize, size: u32): void {
  const problem = checkExecutable(start, size, KLIMIT);
  if (problem !== ElfProblem.Ok) panic2("process manager ELF at 0x%08x: %s", start, fmtStr(ELF_PROBLEMS[problem]));
  const h = elfHeader(start);
  log4(LogLevel.Info, "procmgr: ELF32 i386 executable at 0x%08x size 0x%08x entry 0x%08x, %u program headers\n", start, size, h.entry, h.phnum);
  for (let i: u32 = 0; i < u32(h.phnum); i++) {
    const p = programHeader(start, i);
    if (p.type !== PT_LOAD) continue;
    log7(
      LogLevel.Info,
      "procmgr: load vaddr=0x%08x memsz=0x%08x offset=0x%08x filesz=0x%08x %s%s%s\n",
      p.vaddr, p.memsz, p.offset, p.filesz, flagLetter(p.flags, PF_R, "r"), flagLetter(p.flags, PF_W, "w"), flagLetter(p.flags, PF_X, "x"),
    );
  }
}
