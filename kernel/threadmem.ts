// Where threads' memory comes from and goes: the "thread" slab cache for the
// objects and kernel stacks with guard pages (mm/kpages.ts). A thread made
// here is Ready but on no queue; kernel/sched.ts queues and runs it.
// tsuki: optimize for size

import { contextInit, interruptsRestore, interruptsSave } from "./i686/switch";
import { SlabCache, slabAlloc, slabFree, slabShrink } from "./mm/slab";
import { kernelCacheCreate } from "./mm/caches";
import { kernelStackAlloc, kernelStackFree } from "./mm/kpages";
import { IpcState, KERNEL_STACK_PAGES, Thread, ThreadEntry, ThreadState, threadStackTop } from "./thread";

const cache: SlabCache = zeroed();
let nextId: u32 = 1;
let live: u32 = 0;

export function threadsInit(): void {
  kernelCacheCreate(cache, "thread", sizeOf<Thread>(), 16);
}

/** Threads made and not yet freed. */
export function threadsLive(): u32 {
  return live;
}


/**
 * A new thread with its stack, not yet runnable (state Ready, on no queue),
 * or null with nothing kept if memory ran out. Its context is set up for
 * its first switch; `directory` is the page directory it will run on.
 */
export function threadCreate(name: CStr, entry: ThreadEntry, arg: u32, directory: u32): Thread | null {
  // The allocators have no locks: they run with interrupts off.
  const flags = interruptsSave();
  const at = slabAlloc(cache);
  const base = at === 0 ? 0 : kernelStackAlloc(KERNEL_STACK_PAGES);
  if (base === 0) {
    if (at !== 0) slabFree(cache, at);
    interruptsRestore(flags);
    return null;
  }
  interruptsRestore(flags);
  const t = ref<Thread>(at);
  t.id = nextId;
  nextId++;
  t.name = name;
  t.state = ThreadState.Ready;
  t.entry = entry;
  t.arg = arg;
  t.stackBase = base;
  t.onQueue = null;
  t.next = null;
  t.joiner = null;
  t.ticks = 0;
  t.switchesIn = 0;
  t.exitReason = 0;
  t.exitStatus = 0;
  t.process = null;
  t.userEntry = 0;
  t.userStack = 0;
  memset(addr(t.ipc), 0, sizeOf<IpcState>());
  contextInit(t.context, threadStackTop(t), directory);
  live++;
  return t;
}

/** Gives back a thread's stack and object. It must be Dead (or never have run) and on no queue. */
export function threadFree(t: Thread): void {
  const flags = interruptsSave();
  kernelStackFree(t.stackBase, KERNEL_STACK_PAGES);
  t.stackBase = 0;
  slabFree(cache, addr(t));
  live--;
  interruptsRestore(flags);
}

/** Returns the thread cache's empty slabs to the page allocator (so page counts compare exactly). */
export function threadCacheShrink(): void {
  slabShrink(cache);
}

/** Threads allocated from the cache right now. */
export function threadCacheInUse(): u32 {
  return cache.inUse;
}
