// Threads for user programs: threadStart runs fn(arg) on a new thread of the
// calling process, on a stack the caller mapped (its top given); the thread
// exits with fn's result, which threadJoin returns.

import { PROCESS_SELF, Sys } from "../kernel/abi";
import { sysThreadExit, syscall, syscall2 } from "./sys";

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
  return syscall(Sys.ThreadCreate, addr(thread_entry), sp, PROCESS_SELF, 0);
}

/** The entry point (in this program's code) of threads started by threadStart: for other processes running the same code. */
export function threadEntry(): u32 {
  return addr(thread_entry);
}

/** What joining a thread tells: its exit status, and why it ended (0: it exited; vector + 1: a fault). */
export interface Joined {
  status: u32;
  reason: u32;
}

/** Waits for thread `d` to end and frees it: 0, or a negative error. */
export function threadJoin(d: u32, out: Joined): i32 {
  const reason: Arr<u32, 1> = zeroed();
  const r = syscall2(Sys.ThreadJoin, d, 0, 0, 0, reason);
  if (r < 0) return r;
  out.status = u32(r);
  out.reason = reason[0];
  return 0;
}
