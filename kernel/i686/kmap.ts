// Kernel mappings on the machine: writing the page table entry of a kernel
// virtual page and dropping the page's TLB entry. Which pages to use is pure
// policy (kernel/mm/kvspace.ts chooses them and is host-tested); this file is
// only what the CPU needs done.
//
// Entries below KLIMIT are supervisor-only and global (the kernel half is the
// same in every address space, so a global entry surviving a CR3 load is
// right); invlpg drops global entries too. The temporary slots are shared by
// all threads: taking and giving back a slot runs with interrupts off, so a
// preemption cannot hand one slot to two threads; holding one across a
// preemption is fine (the mapping is global, the same for every thread).

import { KvResult, KvSpace, kvTempAcquire, kvTempHeld, kvTempRelease } from "../mm/kvspace";
import { PAGE_GLOBAL, PAGE_WRITABLE, PageTables, mapPage, setEntry } from "./paging";
import { interruptsRestore, interruptsSave } from "./switch";

/**
 * Maps kernel page `va` to frame `pa`, writable, and drops any stale TLB
 * entry for it. False if the page table for va's 4 MiB slot does not exist.
 */
export function kernelMapPage(t: PageTables, va: usize, pa: usize): bool {
  if (!mapPage(t, va, pa, PAGE_WRITABLE | PAGE_GLOBAL)) return false;
  invlpg(va);
  return true;
}

/** Unmaps kernel page `va` and drops its TLB entry. False if it has no page table. */
export function kernelUnmapPage(t: PageTables, va: usize): bool {
  if (!setEntry(t, va, 0)) return false;
  invlpg(va);
  return true;
}

/** Maps `frame` at a free temporary slot: the slot's address, or 0 if none is free. */
export function mapTemporary(t: PageTables, kv: KvSpace, frame: usize): usize {
  const flags = interruptsSave();
  const va = kvTempAcquire(kv);
  interruptsRestore(flags);
  if (va === 0) return 0;
  if (!kernelMapPage(t, va, frame)) {
    const again = interruptsSave();
    kvTempRelease(kv, va);
    interruptsRestore(again);
    return 0;
  }
  return va;
}

/**
 * Ends a temporary mapping. The entry is cleared and flushed before the slot
 * is released, so no one can acquire the slot while the old frame is still
 * reachable through it.
 */
export function unmapTemporary(t: PageTables, kv: KvSpace, va: usize): KvResult {
  if (!kvTempHeld(kv, va)) return KvResult.NotTempSlot;
  kernelUnmapPage(t, va);
  const flags = interruptsSave();
  const r = kvTempRelease(kv, va);
  interruptsRestore(flags);
  return r;
}
