// Starting the process manager's own code in a process of its own: the
// process manager is the only program so far (programs from the initrd come
// later), so the tests that need a second address space clone this image --
// its PT_LOAD segments, found through the auxiliary vector (AT_PHDR,
// AT_PHNUM), mapped in the new process with their permissions and filled by
// Write from this process's copy (data starts as the file has it: zeroed
// .bss) -- and start a thread there at one of its functions.
// tsuki: optimize for size

import { AT_PHDR, AT_PHNUM, MAP_WRITABLE, Sys } from "../kernel/abi";
import { Elf32ProgramHeader, PT_LOAD } from "../kernel/elf";
import { ProgramArgs, auxValue } from "../lib/start";
import { sysMapIn, sysProcessCreate, sysWrite, syscall } from "../lib/sys";
import { ThreadFn, threadEntry } from "../lib/thread";
import { mapSegment } from "./loader";

/** Where a clone's first thread has its stack. */
const CHILD_STACK: u32 = 0x30000000;
const CHILD_STACK_PAGES: u32 = 4;

let args: ProgramArgs | null = null;

/** Remembers where this program's headers are (main() calls it). */
export function spawnInit(a: ProgramArgs): void {
  args = a;
}

/** A new process running this program's code, not started yet: its descriptor, or an error. */
export function cloneProcess(): i32 {
  const a = args;
  if (a === null) return -1;
  const d = sysProcessCreate();
  if (d < 0) return d;
  const phdr = auxValue(a, AT_PHDR);
  const phnum = auxValue(a, AT_PHNUM);
  for (let i: u32 = 0; i < phnum; i++) {
    const p = ref<Elf32ProgramHeader>(phdr + i * 32);
    if (p.type !== PT_LOAD) continue;
    // This process's own copy of the segment's file part is at its address.
    const r = mapSegment(u32(d), p, p.vaddr);
    if (r < 0) return r;
  }
  const s = sysMapIn(u32(d), CHILD_STACK, CHILD_STACK_PAGES, MAP_WRITABLE);
  return s < 0 ? s : d;
}

const frame: Arr<u32, 4> = zeroed();

/** Starts fn(arg) in the clone `process` (as threadStart does here): the thread's descriptor, or an error. */
export function cloneStart(process: u32, fn: ThreadFn, arg: u32): i32 {
  const sp = CHILD_STACK + CHILD_STACK_PAGES * 0x1000 - 16;
  frame[0] = addr(fn);
  frame[1] = arg;
  const w = sysWrite(process, sp, addr(frame), 16);
  if (w < 0) return w;
  return syscall(Sys.ThreadCreate, threadEntry(), sp, process, 0);
}
