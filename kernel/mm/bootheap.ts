// The boot heap: a bump allocator over [boot_info.boot_heap, boot_end), used
// while the kernel initializes, before it has a real page allocator.
//
// Invariants: start <= next <= limit; next only grows; nothing is ever freed.
// The boot stack grows down from boot_end towards the heap, so `limit` is set
// BOOT_STACK_RESERVE (bootarea.ts) below boot_end: an allocation may never take the
// stack's room.

let heapStart: usize = 0;
let heapNext: usize = 0;
let heapLimit: usize = 0;

/** Starts allocating at `next` (already past anything setup32 put on the heap). */
export function bootHeapInit(start: usize, next: usize, limit: usize): void {
  heapStart = start;
  heapNext = next;
  heapLimit = limit;
}

/**
 * Returns `size` bytes aligned to `align` (a power of two), zero-filled, or 0
 * if the heap cannot hold them.
 */
export function bootAlloc(size: u32, align: u32): usize {
  const at = (heapNext + align - 1) & ~(align - 1);
  if (at < heapNext || at > heapLimit || heapLimit - at < size) return 0;
  heapNext = at + size;
  memset(at, 0, size);
  return at;
}

/** The first byte not yet allocated. */
export function bootHeapTop(): usize {
  return heapNext;
}

export function bootHeapStart(): usize {
  return heapStart;
}
