// The test modes that need threads (`test=NAME` on the command line), run by
// the kernel's first thread (kernel/kmain.ts) once the scheduler runs:
//
//   preempt         two threads that never yield both run, within a bound
//   threads         200 threads created, run and joined; no page lost
//   user-fault      an exception "from ring 3" ends its thread, not the kernel
//   bootstack       touching the retired boot stack faults (it is unmapped)
//   thread-overflow a thread overflows its kernel stack into its guard page
//
// Each prints what it measured; a broken promise is a PANIC naming it.
// tsuki: optimize for size

import { BootInfo } from "./bootinfo";
import { clockTicks } from "./clock";
import { hasOption } from "./cmdline";
import { simulateUserException } from "./i686/trap";
import { log, log1, log2, log4, log6, LogLevel } from "./log";
import { kernelFrames, kernelVirtual } from "./memory";
import { panic, panic1, panic2, panic4 } from "./panic";
import { SLICE_TICKS, schedYield, threadJoin, threadSpawn } from "./sched";
import { recurse } from "./selftest";
import { Thread } from "./thread";
import { threadCacheInUse, threadCacheShrink, threadsLive } from "./threadmem";

/** Ticks by which both spinners must have run: two full slices of the others, and slack. */
const PREEMPT_BOUND_TICKS: u32 = 4 * SLICE_TICKS + 4;
const MANY_THREADS: u32 = 200;

/** Written by the spinners and read by the first thread: always through volatile accesses. */
const spins: Arr<u32, 2> = zeroed();
const firstRun: Arr<u32, 2> = zeroed();
let stopSpinning: u32 = 0;
let startTick: u32 = 0;
const seen: Arr<u8, 200> = zeroed();

function ticksNow(): u32 {
  return u32(clockTicks() & 0xffffffffn);
}

/** Counts forever, never yielding, until told to stop: only preemption lets others run. */
function spinner(i: u32): void {
  volatileStore32(addr(firstRun) + i * 4, ticksNow() - startTick + 1);
  while (volatileLoad32(addr(stopSpinning)) === 0) {
    volatileStore32(addr(spins) + i * 4, volatileLoad32(addr(spins) + i * 4) + 1);
  }
}

function preempt(): void {
  startTick = ticksNow();
  const a = threadSpawn("spinner-a", spinner, 0);
  const b = threadSpawn("spinner-b", spinner, 1);
  if (a === null || b === null) panic("test=preempt: no memory for the threads");
  else {
    // This thread yields; the spinners never do. Both spinners must have
    // been switched to more than once: started, preempted, resumed.
    while (a.switchesIn < 2 || b.switchesIn < 2) {
      if (ticksNow() - startTick > PREEMPT_BOUND_TICKS) {
        panic2("test=preempt: the spinners were not both preempted and resumed within %u ticks (a ran %u times)", PREEMPT_BOUND_TICKS, a.switchesIn);
      }
      schedYield();
    }
    const elapsed = ticksNow() - startTick;
    volatileStore32(addr(stopSpinning), 1);
    const runsA = a.switchesIn;
    const runsB = b.switchesIn;
    threadJoin(a);
    threadJoin(b);
    log6(
      LogLevel.Info,
      "preempt: two threads that never yield ran %u and %u times (first after %u and %u ticks), within %u ticks; slice %u ticks\n",
      runsA, runsB, volatileLoad32(addr(firstRun)) - 1, volatileLoad32(addr(firstRun) + 4) - 1, elapsed, SLICE_TICKS,
    );
    log2(LogLevel.Info, "preempt: loop iterations %u and %u\n", volatileLoad32(addr(spins)), volatileLoad32(addr(spins) + 4));
  }
}

/** One of many: uses some of its stack, yields once, marks itself seen. */
function worker(i: u32): void {
  const scratch: Arr<u32, 256> = zeroed();
  for (let k: u32 = 0; k < 256; k += 16) volatileStore32(addr(scratch) + k * 4, i);
  schedYield();
  if (volatileLoad32(addr(scratch) + 128 * 4) !== i) panic1("test=threads: thread %u found its stack changed", i);
  seen[i] = 1;
}

function manyThreads(): void {
  threadCacheShrink();
  const fa = kernelFrames();
  const kv = kernelVirtual();
  const freeBefore = fa.free;
  const kvBefore = kv.free;
  const liveBefore = threadsLive();
  const objectsBefore = threadCacheInUse();
  const all: Arr<Thread | null, 200> = zeroed();
  for (let i: u32 = 0; i < MANY_THREADS; i++) {
    all[i] = threadSpawn("worker", worker, i);
    if (all[i] === null) panic1("test=threads: no memory for thread %u", i);
  }
  const peak = fa.free;
  let failed: u32 = 0;
  for (let i: u32 = 0; i < MANY_THREADS; i++) {
    const t = all[i];
    if (t !== null && threadJoin(t) !== 0) failed++;
    if (seen[i] !== 1) failed++;
  }
  threadCacheShrink();
  log6(
    LogLevel.Info,
    "threads: %u created, run and joined (%u failed); free pages %u before, %u with all alive, %u after; kernel pages free %u\n",
    MANY_THREADS, failed, freeBefore, peak, fa.free, kv.free,
  );
  if (failed !== 0) panic1("test=threads: %u threads did not run to the end", failed);
  if (fa.free !== freeBefore || kv.free !== kvBefore) {
    panic4("test=threads: pages lost: %u free pages before, %u after; %u kernel pages before, %u after", freeBefore, fa.free, kvBefore, kv.free);
  }
  if (threadsLive() !== liveBefore || threadCacheInUse() !== objectsBefore) panic("test=threads: thread objects lost");
}

/** Raises a general protection fault "from ring 3" (simulated: there is no user code yet). */
function fakeUser(arg: u32): void {
  simulateUserException(13, 0, 0x08048123, 0xbfffff00);
  panic("test=user-fault: the faulting thread went on after its fault");
}

function userFault(): void {
  const t = threadSpawn("fake-user", fakeUser, 0);
  if (t === null) panic("test=user-fault: no memory for the thread");
  else {
    const reason = threadJoin(t);
    if (reason !== 13 + 1) panic1("test=user-fault: the thread ended with reason %u, not by exception 13", reason);
    log(LogLevel.Info, "user-fault: the thread was ended, the kernel goes on\n");
  }
}

function overflow(arg: u32): void {
  log(LogLevel.Info, "test: a thread recursing into its stack's guard page\n");
  log1(LogLevel.Info, "%u\n", recurse(0));
  panic("test=thread-overflow: the recursion returned");
}

export function runThreadTestModes(info: BootInfo): void {
  const cmdline = info.cmdline;
  if (hasOption(cmdline, "test=preempt")) preempt();
  if (hasOption(cmdline, "test=threads")) manyThreads();
  if (hasOption(cmdline, "test=user-fault")) userFault();
  if (hasOption(cmdline, "test=bootstack")) {
    const at = info.bootEnd - 4;
    log1(LogLevel.Info, "test: reading the retired boot stack at 0x%08x\n", at);
    volatileLoad32(at);
    panic("test=bootstack: the retired boot stack is still mapped");
  }
  if (hasOption(cmdline, "test=thread-overflow")) {
    const t = threadSpawn("overflow", overflow, 0);
    if (t !== null) threadJoin(t);
    panic("test=thread-overflow: the thread ended");
  }
}
