// The scheduler: preemptive round robin over the ready threads, driven by
// the PIT (kernel/clock.ts), with an idle thread that halts when nothing is
// ready. One CPU; every function here that changes the queue or switches
// runs with interrupts off (interruptsSave/Restore around it, or from an
// interrupt handler, where the gate turned them off).
//
// Invariants:
//  * `current` is the running thread and is on no queue; its state is
//    Running, or Blocked/Dead while it is on its way out in schedule();
//  * every Ready thread but `current` is on `ready`, and nothing else is;
//  * the idle thread is never on `ready`: it runs only when `ready` is empty
//    and is left as soon as it is not;
//  * after schedStart() the boot stack is never used again: the boot
//    context it saved is never switched back to (kernel/main.ts unmaps it).
//
// Preemption happens only at an interrupt's exit (irqSetExitHook): a thread
// is never switched out in the middle of a kernel critical section that
// runs with interrupts off.

import { SysError } from "./abi";
import { clockSetTickHook } from "./clock";
import { faultInit, faultReport, faultStack } from "./fault";
import { fmtStr } from "./format";
import { Exception } from "./i686/trap";
import { log4, LogLevel } from "./log";
import { Context } from "./i686/context";
import { contextSetStart, contextSwitch, interruptsRestore, interruptsSave } from "./i686/switch";
import { idle, interruptsOn } from "./i686/machine";
import { irqSetExitHook } from "./irq";
import { panic } from "./panic";
import { Process } from "./process";
import { queuePop, queuePush } from "./runqueue";
import { RunQueue, Thread, ThreadEntry, ThreadState, threadStackTop } from "./thread";
import { threadCreate, threadFree, threadsInit } from "./threadmem";

/** Ticks a thread runs before the next ready thread gets the CPU (20 ms). */
export const SLICE_TICKS: u32 = 2;

const ready: RunQueue = zeroed();
let current: Thread | null = null;
let idleThread: Thread | null = null;
/** Where schedStart() saved the boot stack's context: never resumed. */
const bootContext: Context = zeroed();
let sliceLeft: u32 = SLICE_TICKS;
let needSwitch = false;
let switches: u32 = 0;
let kernelDirectory: u32 = 0;

/** The running thread (null before schedStart()). */
export function schedCurrent(): Thread | null {
  return current;
}

export function schedSwitches(): u32 {
  return switches;
}

export function schedReadyCount(): u32 {
  return ready.count;
}

function idleLoop(arg: u32): void {
  for (;;) idle();
}

/** Every new thread starts here (context_entry), interrupts off. */
function threadBegin(): void {
  const t = current;
  if (t === null) panic("sched: a thread started with no current thread");
  else {
    interruptsOn(); // the switch that started it ran with interrupts off
    t.entry(t.arg);
    threadExit(0);
  }
}

/**
 * Runs the next thread: the head of `ready`, else the current one if it can
 * go on, else the idle thread. A Running current thread goes to the tail
 * (round robin). Interrupts must be off.
 */
function schedule(): void {
  const prev = current;
  if (prev === null) return;
  needSwitch = false;
  sliceLeft = SLICE_TICKS;
  let next = queuePop(ready);
  if (next === null) {
    if (prev.state === ThreadState.Running) return;
    next = idleThread;
    if (next === null) panic("sched: nothing to run and no idle thread");
  } else if (prev.state === ThreadState.Running && prev !== idleThread) {
    prev.state = ThreadState.Ready;
    queuePush(ready, prev);
  } else if (prev === idleThread) {
    prev.state = ThreadState.Ready;
  }
  if (next === null || next === prev) {
    if (prev.state === ThreadState.Ready) prev.state = ThreadState.Running;
    return;
  }
  switchTo(prev, next);
}

/** Runs `next` (not running, on no queue) in place of `prev`; returns when `prev` runs again. Interrupts off. */
function switchTo(prev: Thread, next: Thread): void {
  next.state = ThreadState.Running;
  next.switchesIn++;
  switches++;
  current = next;
  faultStack(next.stackBase, threadStackTop(next));
  contextSwitch(prev.context, next.context);
}

/** Clock tick (interrupts off): accounting, and the end of the slice. */
function onTick(): void {
  const t = current;
  if (t === null) return;
  t.ticks++;
  if (sliceLeft > 0) sliceLeft--;
  if (sliceLeft === 0 || (t === idleThread && ready.count > 0)) needSwitch = true;
}

/** The end of every interrupt, after its end-of-interrupt: the preemption point. */
function onInterruptExit(): void {
  if (needSwitch) schedule();
}

/**
 * Sets up the thread cache and the idle thread. `directory` is the kernel's
 * page directory, which kernel threads run on.
 */
export function schedInit(directory: u32): void {
  kernelDirectory = directory;
  threadsInit();
  contextSetStart(threadBegin);
  const t = threadCreate("idle", idleLoop, 0, directory);
  if (t === null) panic("sched: no memory for the idle thread");
  idleThread = t;
}

/**
 * Leaves the boot stack for good: runs `first` as a new thread and never
 * returns. The ticks start driving the scheduler from here on.
 */
export function schedStart(name: CStr, first: ThreadEntry, arg: u32): void {
  interruptsSave();
  const t = threadCreate(name, first, arg, kernelDirectory);
  if (t === null) panic("sched: no memory for the first thread");
  else {
    clockSetTickHook(onTick);
    irqSetExitHook(onInterruptExit);
    t.state = ThreadState.Running;
    t.switchesIn++;
    current = t;
    faultInit(t.stackBase, threadStackTop(t), onUserFault);
    contextSwitch(bootContext, t.context);
  }
  panic("sched: the boot context was resumed");
}

/**
 * An exception in ring 3 ends the thread that raised it (kernel/fault.ts
 * routes it here) and the kernel goes on; its joiner learns the vector.
 */
function onUserFault(e: Exception): void {
  const t = current;
  const p = t === null ? null : t.process;
  log4(
    LogLevel.Warn,
    "threads: thread %u (%s) of process %u (%s) ended by a user-mode exception: ",
    t === null ? 0 : t.id, fmtStr(t === null ? "none" : t.name), p === null ? 0 : p.id, fmtStr(p === null ? "none" : p.name),
  );
  faultReport(LogLevel.Warn, e);
  threadExit(e.vector + 1);
}

/** A new kernel thread, ready to run: null if memory ran out. */
export function threadSpawn(name: CStr, entry: ThreadEntry, arg: u32): Thread | null {
  return threadSpawnIn(name, entry, arg, kernelDirectory, null, 0, 0);
}

/**
 * A new thread of `process` on page directory `directory`, ready to run:
 * its kernel code is `entry` (which, for a user thread, enters ring 3 at
 * userEntry with userStack). Null if memory ran out.
 */
export function threadSpawnIn(
  name: CStr, entry: ThreadEntry, arg: u32, directory: u32, process: Process | null, userEntry: u32, userStack: u32,
): Thread | null {
  const t = threadCreate(name, entry, arg, directory);
  if (t === null) return null;
  t.process = process;
  t.userEntry = userEntry;
  t.userStack = userStack;
  const flags = interruptsSave();
  queuePush(ready, t);
  interruptsRestore(flags);
  return t;
}

/** Gives the CPU to the next ready thread, if there is one. */
export function schedYield(): void {
  const flags = interruptsSave();
  schedule();
  interruptsRestore(flags);
}

/**
 * Blocks the running thread: on wait queue `q` (whose waker pops it), or on
 * no queue when someone holds it by name (a sender awaiting its reply).
 * Returns when threadWake made it Ready and it ran again. Interrupts off.
 */
export function schedBlockOn(q: RunQueue | null): void {
  const self = current;
  if (self === null || self === idleThread) panic("sched: schedBlockOn with no thread to block");
  else {
    self.state = ThreadState.Blocked;
    if (q !== null) queuePush(q, self);
    schedule();
  }
}

/**
 * IPC's direct switch (kernel/ipc.ts): blocks the running thread on no queue
 * (its partner holds it by name) and runs `to`, Blocked on no queue, at once,
 * without passing through the ready queue. `to` runs on the rest of the
 * running thread's slice, so a pair handing the CPU back and forth is still
 * preempted when the slice ends and cannot starve the ready queue.
 * Interrupts off.
 */
export function schedHandOff(to: Thread): void {
  const prev = current;
  if (prev === null || prev === idleThread || to.state !== ThreadState.Blocked || to.onQueue !== null) {
    panic("sched: schedHandOff from no thread or to a thread that is not blocked on no queue");
  } else {
    prev.state = ThreadState.Blocked;
    switchTo(prev, to);
  }
}

/** Makes a Blocked thread (off its wait queue) Ready. Interrupts off. */
export function threadWake(t: Thread): void {
  wake(t);
}

/** Makes a Blocked thread Ready. Interrupts must be off. */
function wake(t: Thread): void {
  if (t.state !== ThreadState.Blocked) return;
  t.state = ThreadState.Ready;
  queuePush(ready, t);
}

/**
 * Ends the running thread (reason 0: it finished; else what ended it, e.g.
 * an exception vector + 1) and wakes its joiner. Never returns.
 */
export function threadExit(reason: u32): void {
  interruptsSave();
  const t = current;
  if (t === null || t === idleThread) panic("sched: threadExit with no thread to end");
  else {
    t.exitReason = reason;
    t.state = ThreadState.Dead;
    const p = t.process;
    if (p !== null) p.threads--;
    // A sender waiting for this thread's reply gets an error instead.
    const c = t.ipc.caller;
    if (c !== null) {
      c.ipc.result = SysError.PeerGone;
      t.ipc.caller = null;
      wake(c);
    }
    const j = t.joiner;
    if (j !== null) wake(j);
    schedule();
  }
  panic("sched: a dead thread was switched to");
}

/** Waits until `t` (not the caller) has ended; it stays allocated for threadReap. One waiter per thread. */
export function threadWait(t: Thread): void {
  const flags = interruptsSave();
  const self = current;
  if (self === null || self === t || (t.joiner !== null && t.joiner !== self)) panic("sched: bad threadJoin");
  else {
    while (t.state !== ThreadState.Dead) {
      t.joiner = self;
      self.state = ThreadState.Blocked;
      schedule();
    }
  }
  interruptsRestore(flags);
}

/** Frees a thread that has ended (threadWait returned) and returns why it ended. */
export function threadReap(t: Thread): u32 {
  if (t.state !== ThreadState.Dead) panic("sched: threadReap of a thread that has not ended");
  const reason = t.exitReason;
  threadFree(t);
  return reason;
}

/**
 * Waits until `t` has ended, frees it, and returns why it ended. One joiner
 * per thread; `t` must not be the caller.
 */
export function threadJoin(t: Thread): u32 {
  threadWait(t);
  return threadReap(t);
}
