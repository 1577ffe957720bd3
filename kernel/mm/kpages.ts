// Kernel pages: a page of kernel virtual memory backed by a frame, mapped in
// the shared kernel half -- what a slab cache grows by (kernel/mm/slab.ts's
// page source) and, later, what kernel stacks are made of. Glue only: the
// virtual page comes from kvspace.ts, the frame from frames.ts, and the
// mapping from the machine layer (kernel/i686/kmap.ts). Each step that fails
// undoes the ones before, so a failure loses nothing.

import { kernelMapPage, kernelUnmapPage } from "../i686/kmap";
import { PAGE_PRESENT, PageTables, entryFrame, lookup } from "../i686/paging";
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
