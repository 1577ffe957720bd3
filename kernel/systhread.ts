// The thread system calls: a process starts threads of its own in ring 3,
// joins them, and a thread ends itself. Descriptors name the threads
// (kernel/descriptors.ts); joining one frees it and closes its descriptor.
// tsuki: optimize for size

import { SysError } from "./abi";
import { DescKind, descriptorClose, descriptorGet, descriptorOpen, descriptorSet } from "./descriptors";
import { userRangeValid } from "./layout";
import { processStartThread } from "./processes";
import { targetProcess } from "./sysproc";
import { schedCurrent, threadExit, threadReap, threadWait } from "./sched";
import { KERNEL_STACK_PAGES, Thread } from "./thread";
import { userMayTake } from "./sysmem";

/**
 * ThreadCreate(entry, stack, process): a new thread of the caller's process
 * (PROCESS_SELF) or of one it created, running at `entry` in ring 3 with
 * stack pointer `stack` (user addresses; the stack's memory is the caller's
 * to map). Its descriptor, in the caller's table, or an error.
 */
export function sysThreadCreate(entry: u32, stack: u32, process: u32): i32 {
  const self = schedCurrent();
  const p = self === null ? null : self.process;
  if (p === null) return SysError.NotPermitted;
  const target = targetProcess(process);
  if (target === null) return SysError.BadDescriptor;
  if (!userRangeValid(entry, 1) || !userRangeValid(stack - 4, 4) || (stack & 3) !== 0) return SysError.BadAddress;
  // A kernel stack and a slab page at most, outside the kernel's reserve.
  if (!userMayTake(KERNEL_STACK_PAGES + 1)) return SysError.NoMemory;
  // The descriptor first: a thread that runs must be joinable.
  const d = descriptorOpen(p.descriptors, DescKind.Thread, 0, 0);
  if (d < 0) return SysError.NoDescriptor;
  const t = processStartThread(target, "user", entry, stack);
  if (t === null) {
    descriptorClose(p.descriptors, u32(d));
    return SysError.NoMemory;
  }
  descriptorSet(p.descriptors, u32(d), addr(t), t.id);
  return d;
}

/**
 * ThreadJoin(d): waits for thread `d` to end, frees it and closes `d`.
 * Returns its exit status; the second result says why it ended (0: it
 * called ThreadExit or returned; an exception vector + 1: a fault ended it).
 */
export function sysThreadJoin(d: u32, second: Arr<u32, 1>): i32 {
  const self = schedCurrent();
  const p = self === null ? null : self.process;
  if (p === null) return SysError.NotPermitted;
  const at = descriptorGet(p.descriptors, d, DescKind.Thread);
  if (at === 0) return SysError.BadDescriptor;
  const t = ref<Thread>(at);
  // Itself, or a thread another thread is already joining (one join frees it).
  if (t === self || t.joiner !== null) return SysError.BadArgument;
  threadWait(t);
  const status = t.exitStatus;
  const reason = threadReap(t);
  descriptorClose(p.descriptors, d);
  second[0] = reason;
  return i32(status);
}

/** ThreadExit(status): ends the calling thread with `status` for its joiner. */
export function sysThreadExit(status: u32): void {
  const self = schedCurrent();
  if (self !== null) self.exitStatus = status & 0x7fffffff; // the joiner gets it in eax, where negatives are errors
  threadExit(0);
}
