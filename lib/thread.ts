// Threads for user programs: threadStart runs fn(arg) on a new thread of the
// calling process, on a stack the caller mapped (its top given); the thread
// exits with fn's result, which threadJoin returns.

import { Sys } from "../kernel/abi";
import { sysSecond, sysThreadExit, syscall } from "./sys";

export type ThreadFn = (arg: u32) => u32;

declare const thread_entry: u8;

/** Called by thread_entry (lib/syscall.S) on the new thread. */
export function threadMain(fn: ThreadFn, arg: u32): void {
  sysThreadExit(fn(arg));
}

/**
 * Starts fn(arg) on a new thread whose stack ends at `stackTop` (mapped,
 * writable, 16-byte aligned): its descriptor, or a negative error.
 */
export function threadStart(fn: ThreadFn, arg: u32, stackTop: u32): i32 {
  const sp = stackTop - 16;
  const words = ptr<u32>(sp);
  words[0] = addr(fn);
  words[1] = arg;
  return syscall(Sys.ThreadCreate, addr(thread_entry), sp, 0, 0);
}

/** What joining a thread tells: its exit status, and why it ended (0: it exited; vector + 1: a fault). */
export interface Joined {
  status: u32;
  reason: u32;
}

/** Waits for thread `d` to end and frees it: 0, or a negative error. */
export function threadJoin(d: u32, out: Joined): i32 {
  const r = syscall(Sys.ThreadJoin, d, 0, 0, 0);
  if (r < 0) return r;
  out.status = u32(r);
  out.reason = sysSecond();
  return 0;
}
