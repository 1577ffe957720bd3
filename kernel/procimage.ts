// The process manager's ELF file, as the image tool placed it at proc_start.
//
// It is never executed in place: when user space exists the kernel will give
// it an address space and copy or map its segments above KLIMIT. For now the
// kernel only makes sure the file is fit for that, and says where it is.

import { newline, putDec, putField, putStr } from "./console";
import { ELF_PROBLEMS, ElfProblem, PF_R, PF_W, PF_X, PT_LOAD, checkExecutable, elfHeader, programHeader } from "./elf";
import { KLIMIT } from "./layout";
import { panicBegin, panicEnd } from "./panic";

function putFlags(flags: u32): void {
  putStr((flags & PF_R) !== 0 ? "r" : "-");
  putStr((flags & PF_W) !== 0 ? "w" : "-");
  putStr((flags & PF_X) !== 0 ? "x" : "-");
}

/** Panics unless [start, start + size) is an i386 ELF32 executable linked above KLIMIT; reports it. */
export function checkProcessManager(start: usize, size: u32): void {
  const problem = checkExecutable(start, size, KLIMIT);
  if (problem !== ElfProblem.Ok) {
    panicBegin();
    putStr("process manager ELF at ");
    putField("", start);
    putStr(": ");
    putStr(ELF_PROBLEMS[problem]);
    panicEnd();
  }
  const h = elfHeader(start);
  putField("procmgr: ELF32 i386 executable at ", start);
  putField(" size ", size);
  putField(" entry ", h.entry);
  putStr(", ");
  putDec(h.phnum);
  putStr(" program headers");
  newline();
  for (let i: u32 = 0; i < u32(h.phnum); i++) {
    const p = programHeader(start, i);
    if (p.type !== PT_LOAD) continue;
    putField("procmgr: load vaddr=", p.vaddr);
    putField(" memsz=", p.memsz);
    putField(" offset=", p.offset);
    putField(" filesz=", p.filesz);
    putStr(" ");
    putFlags(p.flags);
    newline();
  }
}
