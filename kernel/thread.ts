// Threads: the kernel's unit of execution. Each has its own kernel stack
// (KERNEL_STACK_PAGES mapped pages above an unmapped guard page, from
// mm/kpages.ts), a saved machine context (kernel/i686/context.ts), a state,
// and a link for the run queue. This file is the types (pure: the host tests
// of the run queue use them); kernel/threadmem.ts makes and unmakes threads,
// kernel/sched.ts moves them between states.
//
// Life cycle (docs/kernel.md, "Threads"):
//
//   threadSpawn ──> Ready ⇄ Running ──threadExit──> Dead ──threadJoin──> freed
//                          │     ^
//                  block   v     │ wake
//                         Blocked
//
// A Dead thread's stack is still the one its last switch saved its registers
// on; it is freed only by the thread that joins it, which runs on a stack of
// its own.

import { Context } from "./i686/context";
import { PAGE_SIZE } from "./i686/paging";
import { Process } from "./process";

/** Pages of kernel stack per thread (8 KiB), plus the guard page below. */
export const KERNEL_STACK_PAGES: u32 = 2;

export const enum ThreadState {
  Ready = 0,
  Running = 1,
  Blocked = 2,
  Dead = 3,
}

export const THREAD_STATES: readonly CStr[] = ["ready", "running", "blocked", "dead"];

/** What a thread runs; when it returns, the thread exits. */
export type ThreadEntry = (arg: u32) => void;

/** Threads ready to run, linked through Thread.next (kernel/runqueue.ts). */
export interface RunQueue {
  head: Thread | null;
  tail: Thread | null;
  count: u32;
}

/**
 * A thread's part in IPC (kernel/ipc.ts): what it sends, where it receives,
 * what it wakes up to, and, as a receiver, the sender it owes a reply.
 */
export interface IpcState {
  number: u32;
  data: u32;
  size: u32;
  reply: u32;
  replySize: u32;
  cookie: u32;
  buffer: u32;
  bufferSize: u32;
  info: u32;
  result: i32;
  caller: Thread | null;
  /**
   * A short message or reply on its way in (kernel/ipc.ts's fast path): its
   * bytes, copied here by the partner while the partner's space was loaded,
   * wait for this thread to copy them into its own memory when it runs
   * again. `pending` says which: IpcPending.None, Message (for `buffer`,
   * with the sender in `caller`) or Reply (for `reply`); the size is `result`.
   */
  pending: u32;
  inline: Arr<u8, 64>;
}

/** The bytes IpcState.inline holds: messages and replies up to this size take IPC's fast path. */
export const IPC_INLINE_MAX: u32 = 64;

/** What IpcState.inline holds. */
export const enum IpcPending {
  None = 0,
  Message = 1,
  Reply = 2,
}

export interface Thread {
  context: Inline<Context>;
  id: u32;
  name: CStr;
  state: ThreadState;
  entry: ThreadEntry;
  arg: u32;
  /** Lowest mapped byte of the kernel stack; the guard page is just below. */
  stackBase: u32;
  /** The run queue it is on (then state is Ready), or null. */
  onQueue: RunQueue | null;
  next: Thread | null;
  /** The thread waiting in threadJoin for this one to end, or null. */
  joiner: Thread | null;
  /** Timer ticks that found it running, and switches that started it running. */
  ticks: u32;
  switchesIn: u32;
  /** Why it ended: 0 if its entry returned or it called threadExit, else the exception vector + 1. */
  exitReason: u32;
  /** What a user thread passed to ThreadExit, for its joiner. */
  exitStatus: u32;
  /** The process it belongs to; null for a kernel thread. */
  process: Process | null;
  /** Where a user thread starts in ring 3, and its first user stack pointer. */
  userEntry: u32;
  userStack: u32;
  ipc: Inline<IpcState>;
}

/** The top of `t`'s kernel stack (exclusive). */
export function threadStackTop(t: Thread): u32 {
  return t.stackBase + KERNEL_STACK_PAGES * PAGE_SIZE;
}
