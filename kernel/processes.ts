// Making, filling and ending processes (the type is kernel/process.ts):
// processCreate gives an empty address space (the creator fills it:
// kernel/elfload.ts), threads are started in it (processStartThread), and
// once its last thread has ended, processRelease (its creator's Close)
// destroys the space, which returns every frame it owned. The objects come from the "process"
// slab cache.
// tsuki: optimize for size

import { LogLevel, log3 } from "./log";
import { SpaceResult, spaceCreate, spaceDestroy } from "./mm/space";
import { kernelSpaceEnv } from "./mm/spaces";
import { kernelCacheCreate } from "./mm/caches";
import { SlabCache, slabAlloc, slabFree } from "./mm/slab";
import { userEnter } from "./i686/user";
import { interruptsRestore, interruptsSave } from "./i686/switch";
import { Process } from "./process";
import { schedCurrent, threadSpawnIn } from "./sched";
import { Thread } from "./thread";

const cache: SlabCache = zeroed();
let nextId: u32 = 1;

export function processesInit(): void {
  kernelCacheCreate(cache, "process", sizeOf<Process>(), 16);
}

/** A process with an empty address space, or null (nothing kept) if memory ran out. */
export function processCreate(name: CStr, rights: u32): Process | null {
  // The allocators have no locks: they run with interrupts off.
  const flags = interruptsSave();
  const at = slabAlloc(cache);
  const space = at === 0 ? null : spaceCreate(kernelSpaceEnv());
  if (space === null) {
    if (at !== 0) slabFree(cache, at);
    interruptsRestore(flags);
    return null;
  }
  interruptsRestore(flags);
  const p = ref<Process>(at);
  p.id = nextId;
  nextId++;
  p.name = name;
  p.space = space;
  p.rights = rights;
  p.threads = 0;
  return p;
}

/** Frees the object of a process whose space is destroyed (kernel/sysproc.ts frees the rest first). */
export function processFree(p: Process): void {
  slabFree(cache, addr(p));
}

/** Destroys a process whose threads have all ended: its space and every frame in it. */
export function processRelease(p: Process): SpaceResult {
  const flags = interruptsSave();
  const r = spaceDestroy(p.space);
  if (r === SpaceResult.Ok) slabFree(cache, addr(p));
  interruptsRestore(flags);
  return r;
}

/** A new thread's first kernel code: leave for ring 3 where the thread was told to start. */
function enterUser(arg: u32): void {
  const t = schedCurrent();
  if (t !== null) userEnter(t.userEntry, t.userStack);
}

/**
 * Starts a thread of `p` in ring 3 at `entry` with stack pointer `stack`:
 * runnable at once, on the process's page directory. Null if memory ran out.
 */
export function processStartThread(p: Process, name: CStr, entry: u32, stack: u32): Thread | null {
  const t = threadSpawnIn(name, enterUser, 0, p.space.directory, p, entry, stack);
  if (t === null) return null;
  p.threads++;
  log3(LogLevel.Debug, "process %u: thread %u starts in ring 3 at 0x%08x\n", p.id, t.id, entry);
  return t;
}
