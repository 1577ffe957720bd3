// Kernel pages: a page of kernel virtual memory backed by a frame, mapped in
// the shared kernel half -- what a slab cache grows by (kernel/mm/slab.ts's
// page source) and what kernel stacks are made of. Glue only: the
// virtual page comes from kvspace.ts, the frame from frames.ts, and the
// mapping from the machine layer (kernel/i686/kmap.ts); kernel stacks are
// several such pages above an unmapped guard page. Each step that fails
// undoes the ones before, so a failure loses nothing.

import { kernelMapPage, kernelUnmapPage } from "../i686/kmap";
import { PAGE_PRESENT, PAGE_SIZE, PageTables, entryFrame, lookup } from "../i686/paging";
import { FrameAllocator, frameAlloc, frameFree } from "./frames";
import { KvSpace, kvAlloc, kvFree } from "./kvspace";

let frames: FrameAllocator | null = null;
let space: KvSpace | null = null;
let tables: PageTables | null = null;

/** The allocators and the kernel's page tables (all covering [0, KLIMIT)) the pages come from. */
export function kernelPagesInit(fa: FrameAllocator, kv: KvSpace, t: PageTables): void {
  frames = fa;
  space = kv;
  tables = t;
}

/** A mapped, writable kernel page (its contents are whatever the frame held), or 0. */
export function kernelPageAlloc(): usize {
  const fa = frames;
  const kv = space;
  const t = tables;
  if (fa === null || kv === null || t === null) return 0;
  const va = kvAlloc(kv, 1);
  if (va === 0) return 0;
  const pa = frameAlloc(fa);
  if (pa === 0) {
    kvFree(kv, va, 1);
    return 0;
  }
  if (!kernelMapPage(t, va, pa)) {
    frameFree(fa, pa);
    kvFree(kv, va, 1);
    return 0;
  }
  return va;
}

/** Unmaps a page kernelPageAlloc returned and gives its frame and its address back. */
export function kernelPageFree(va: usize): void {
  const fa = frames;
  const kv = space;
  const t = tables;
  if (fa === null || kv === null || t === null) return;
  const entry = lookup(t, va);
  if ((entry & PAGE_PRESENT) === 0) return;
  kernelUnmapPage(t, va);
  frameFree(fa, entryFrame(entry));
  kvFree(kv, va, 1);
}

/**
 * A kernel stack of `pages` mapped pages with an unmapped guard page below
 * it, so that overflowing it faults instead of running over its neighbour:
 * the address of its lowest mapped byte, or 0 (nothing kept) if memory or
 * kernel address space ran out. The top is base + pages * PAGE_SIZE.
 */
export function kernelStackAlloc(pages: u32): usize {
  const fa = frames;
  const kv = space;
  const t = tables;
  if (fa === null || kv === null || t === null) return 0;
  const guard = kvAlloc(kv, pages + 1);
  if (guard === 0) return 0;
  const base = guard + PAGE_SIZE;
  for (let i: u32 = 0; i < pages; i++) {
    const pa = frameAlloc(fa);
    if (pa === 0 || !kernelMapPage(t, base + i * PAGE_SIZE, pa)) {
      if (pa !== 0) frameFree(fa, pa);
      unmapStack(fa, t, base, i);
      kvFree(kv, guard, pages + 1);
      return 0;
    }
  }
  return base;
}

/** Gives back a stack kernelStackAlloc(pages) returned: its frames and its addresses, guard included. */
export function kernelStackFree(base: usize, pages: u32): void {
  const fa = frames;
  const kv = space;
  const t = tables;
  if (fa === null || kv === null || t === null || base === 0) return;
  unmapStack(fa, t, base, pages);
  kvFree(kv, base - PAGE_SIZE, pages + 1);
}

function unmapStack(fa: FrameAllocator, t: PageTables, base: usize, pages: u32): void {
  for (let i: u32 = 0; i < pages; i++) {
    const va = base + i * PAGE_SIZE;
    const entry = lookup(t, va);
    if ((entry & PAGE_PRESENT) === 0) continue;
    kernelUnmapPage(t, va);
    frameFree(fa, entryFrame(entry));
  }
}
