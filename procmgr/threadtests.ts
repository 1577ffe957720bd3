// The process manager's thread tests: many threads created, run and joined
// (test=threads), and user-mode faults that end only the faulting thread
// (test=nullderef, kernel-read, kernel-write). Thread stacks are pages the
// process maps for them and unmaps after the join.
// tsuki: optimize for size

import { MAP_WRITABLE } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print1, print3, print4 } from "../lib/console";
import { sysFreeMemory, sysMap, sysUnmap } from "../lib/sys";
import { Joined, threadJoin, threadStart } from "../lib/thread";

/** Where thread stacks go: STACK_PAGES pages each, a page apart (the gap is a guard). */
const STACKS: u32 = 0x20000000;
const STACK_PAGES: u32 = 4;
const STACK_STRIDE: u32 = (STACK_PAGES + 1) * 0x1000;
const THREADS: u32 = 200;

let failed = false;

function fail(test: CStr, what: CStr, value: u32): void {
  print3("test %s: FAIL %s (%d)\n", fmtStr(test), fmtStr(what), value);
  failed = true;
}

function stackTop(i: u32): u32 {
  return STACKS + i * STACK_STRIDE + STACK_PAGES * 0x1000;
}

function work(arg: u32): u32 {
  let sum: u32 = 0;
  for (let i: u32 = 0; i <= arg; i++) sum += i;
  return sum;
}

const descriptors: Arr<i32, 200> = zeroed();

/** One round: THREADS threads started, joined, their results checked, their stacks unmapped. */
function round(test: CStr): bool {
  for (let i: u32 = 0; i < THREADS; i++) {
    const base = stackTop(i) - STACK_PAGES * 0x1000;
    const m = sysMap(base, STACK_PAGES, MAP_WRITABLE);
    if (m !== i32(STACK_PAGES)) {
      fail(test, "mapping a stack", u32(m));
      return false;
    }
    descriptors[i] = threadStart(work, i, stackTop(i));
    if (descriptors[i] < 0) {
      fail(test, "starting a thread", u32(descriptors[i]));
      return false;
    }
  }
  const j: Joined = zeroed();
  for (let i: u32 = 0; i < THREADS; i++) {
    const r = threadJoin(u32(descriptors[i]), j);
    if (r !== 0) fail(test, "joining a thread", u32(r));
    else if (j.reason !== 0 || j.status !== u32((i * (i + 1)) / 2)) fail(test, "a thread's result", j.status);
    sysUnmap(stackTop(i) - STACK_PAGES * 0x1000, STACK_PAGES);
  }
  return !failed;
}

/** test=threads: 200 threads, twice; the second round must leave free memory exactly as the first did. */
export function threadsTest(): bool {
  const t = "threads";
  failed = false;
  const start = sysFreeMemory();
  if (!round(t)) return false;
  const afterOne = sysFreeMemory();
  if (!round(t)) return false;
  const afterTwo = sysFreeMemory();
  if (afterTwo !== afterOne) fail(t, "free pages changed between two rounds", u32(afterOne - afterTwo));
  if (failed) return false;
  print4("test %s: ok (2 x %u threads; free pages %u at start, %u after each round)\n", fmtStr(t), THREADS, u32(start), u32(afterTwo));
  return true;
}

let faultAddress: u32 = 0;

function readAt(arg: u32): u32 {
  return volatileLoad32(faultAddress);
}

function writeAt(arg: u32): u32 {
  volatileStore32(faultAddress, 0x5a5a5a5a);
  return 0;
}

/** A thread that touches `address` must be ended by a page fault (vector 14), and the process goes on. */
function faultingThread(test: CStr, address: u32, write: bool): bool {
  failed = false;
  faultAddress = address;
  const top = stackTop(0);
  if (sysMap(top - STACK_PAGES * 0x1000, STACK_PAGES, MAP_WRITABLE) !== i32(STACK_PAGES)) {
    fail(test, "mapping a stack", 0);
    return false;
  }
  const d = threadStart(write ? writeAt : readAt, 0, top);
  const j: Joined = zeroed();
  if (d < 0) fail(test, "starting the thread", u32(d));
  else if (threadJoin(u32(d), j) !== 0) fail(test, "joining the thread", 0);
  else if (j.reason !== 14 + 1) fail(test, "the thread was not ended by a page fault: reason", j.reason);
  sysUnmap(top - STACK_PAGES * 0x1000, STACK_PAGES);
  if (failed) return false;
  print1("test %s: ok (the thread was ended by its page fault; this thread goes on)\n", fmtStr(test));
  return true;
}

export function nullDerefTest(): bool {
  return faultingThread("nullderef", 0, false);
}

/** Kernel text, below KLIMIT: mapped, but supervisor-only. */
export function kernelReadTest(): bool {
  return faultingThread("kernel-read", 0x00101000, false);
}

/** The VGA text page: mapped writable in the kernel half, but supervisor-only. */
export function kernelWriteTest(): bool {
  return faultingThread("kernel-write", 0x000b8000, true);
}
