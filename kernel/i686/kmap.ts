// Kernel mappings on the machine: writing the page table entry of a kernel
// virtual page and dropping the page's TLB entry. Which pages to use is pure
// policy (kernel/mm/kvspace.ts chooses them and is host-tested); this file is
// only what the CPU needs done.
//
// Entries below KLIMIT are supervisor-only and global (the kernel half is the
// same in every address space, so a global entry surviving a CR3 load is
// right); invlpg drops global entries too. Every function here runs with
// interrupts off or from code that cannot be preempted while it holds a
// temporary slot: the slots are shared by all threads.

import { KvResult, KvSpace, kvTempAcquire, kvTempHeld, kvTempRelease } from "../mm/kvspace";
import { PAGE_GLOBAL, PAGE_WRITABLE, PageTables, mapPage, setEntry } from "./paging";

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
  const va = kvTempAcquire(kv);
  if (va === 0) return 0;
  if (!kernelMapPage(t, va, frame)) {
    kvTempRelease(kv, va);
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
  return kvTempRelease(kv, va);
}
