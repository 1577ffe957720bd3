// Starting a program from the initrd in a process of its own: the ELF
// checked with the kernel's own rules (kernel/elf.ts, pure, so the process
// manager runs the very same checks), each PT_LOAD mapped in the new process
// with its permissions and filled with Write, a 64 KiB stack holding the
// System V initial stack (kernel/userstack.ts, the kernel's own builder) with
// its name as argv[0] and `endpoint=N` -- the descriptor it was given -- in
// its environment, and its first thread started at the entry point.
// tsuki: optimize for size

import { MAP_PAGES_MAX, MAP_WRITABLE, Sys, WRITE_MAX } from "../kernel/abi";
import { ELF_PROBLEMS, Elf32ProgramHeader, ElfProblem, PF_W, PT_LOAD, checkExecutable, elfHeader, programHeader } from "../kernel/elf";
import { format, fmtStr } from "../kernel/format";
import { KLIMIT } from "../kernel/layout";
import { StackContents, StackImage, auxStandard, stackBuild } from "../kernel/userstack";
import { print2 } from "../lib/console";
import { sysGive, sysMapIn, sysProcessCreate, sysUsesSysenter, sysWrite, syscall } from "../lib/sys";

const STACK_TOP: u32 = 0xfffff000;
const STACK_PAGES: u32 = 16;

export interface Started {
  process: u32;
  thread: u32;
}

const page: Arr<u8, 4096> = zeroed({ align: 16 });
const envWord: Arr<u8, 32> = zeroed();
let envLength: u32 = 0;
const argv: Arr<u32, 1> = zeroed();
const envp: Arr<u32, 1> = zeroed();
const aux: Arr<u32, 14> = zeroed();
const values: Arr<u32, 8> = zeroed();

/**
 * Maps PT_LOAD segment `p` in process `d` with its permissions and writes
 * its file part from `src` (where those bytes are in this process): 0, or
 * the negative error of the call that failed.
 */
export function mapSegment(d: u32, p: Elf32ProgramHeader, src: usize): i32 {
  const first = p.vaddr & ~0xfff;
  const pages = u32((p.vaddr + p.memsz - first + 0xfff) / 0x1000);
  // Map and Write take bounded amounts a call (MAP_PAGES_MAX, WRITE_MAX).
  for (let done: u32 = 0; done < pages; done += MAP_PAGES_MAX) {
    const n = pages - done < MAP_PAGES_MAX ? pages - done : MAP_PAGES_MAX;
    const m = sysMapIn(d, first + done * 0x1000, n, (p.flags & PF_W) !== 0 ? MAP_WRITABLE : 0);
    if (m < 0) return m;
  }
  for (let done: u32 = 0; done < p.filesz; done += WRITE_MAX) {
    const n = p.filesz - done < WRITE_MAX ? p.filesz - done : WRITE_MAX;
    const w = sysWrite(d, p.vaddr + done, src + done, n);
    if (w < 0) return w;
  }
  return 0;
}

function putEnv(address: usize, length: u32): void {
  const p = ptr<u8>(address);
  for (let i: u32 = 0; i < length; i++) if (envLength < 31) envWord[envLength++] = p[i];
}

/**
 * Starts the ELF [file, file + size) as program `name`, giving it endpoint
 * `endpoint` with `cookie`: 0 with `out` filled, or a negative error (the
 * process is not started; a bad ELF is named on the console).
 */
export function startProgram(name: CStr, file: usize, size: u32, endpoint: u32, cookie: u32, out: Started): i32 {
  const problem = checkExecutable(file, size, KLIMIT);
  if (problem !== ElfProblem.Ok) {
    print2("procmgr: %s: not started: %s\n", fmtStr(name), fmtStr(ELF_PROBLEMS[problem]));
    return -1;
  }
  const d = sysProcessCreate();
  if (d < 0) return d;
  const h = elfHeader(file);
  for (let i: u32 = 0; i < u32(h.phnum); i++) {
    const p = programHeader(file, i);
    if (p.type !== PT_LOAD) continue;
    const r = mapSegment(u32(d), p, file + p.offset);
    if (r < 0) return r;
  }
  const base = STACK_TOP - STACK_PAGES * 0x1000;
  const m = sysMapIn(u32(d), base, STACK_PAGES, MAP_WRITABLE);
  if (m < 0) return m;
  const given = sysGive(u32(d), endpoint, cookie);
  if (given < 0) return given;
  // The initial stack, built here and written into the stack's top page.
  envLength = 0;
  values[0] = u32(given);
  format(putEnv, "endpoint=%u", values, 1);
  envWord[envLength] = 0;
  argv[0] = addr(name);
  envp[0] = addr(envWord);
  const c: StackContents = zeroed();
  c.argv = ptr<u32>(addr(argv));
  c.argc = 1;
  c.envp = ptr<u32>(addr(envp));
  c.envc = 1;
  c.aux = ptr<u32>(addr(aux));
  c.auxCount = auxStandard(ptr<u32>(addr(aux)), file, base, sysUsesSysenter());
  const img: StackImage = zeroed();
  img.kernelBase = addr(page);
  img.userBase = STACK_TOP - 0x1000;
  img.size = 0x1000;
  memset(addr(page), 0, 0x1000);
  const sp = stackBuild(img, c);
  if (sp === 0) return -3;
  const w = sysWrite(u32(d), img.userBase, addr(page), 0x1000);
  if (w < 0) return w;
  const t = syscall(Sys.ThreadCreate, h.entry, sp, u32(d), 0);
  if (t < 0) return t;
  out.process = u32(d);
  out.thread = u32(t);
  return 0;
}
