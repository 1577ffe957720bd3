// The boot area above the image: where setup32 puts the e820 copy, the boot
// heap and the boot stack, and how the kernel measures how deep the stack
// went. Pure, and written so that it computes the same values under Node
// (docs/subset.md, "Running under Node"): setup32 and the kernel link it, the
// image tool runs it to know where an image's boot area will end.
//
//   image_top = e820_map   copy of the e820 table, whole pages
//   boot_heap              page aligned; grows up
//   boot_end - BOOT_STACK_RESERVE   lowest address the boot stack may reach
//                          (setup32 poisons the area; bootStackDeepest measures)
//   boot_end               boot_heap + BOOT_AREA_SIZE; the stack grows down

import { E820_ENTRY_SIZE } from "../bootinfo";

/**
 * Boot heap plus boot stack, from boot_heap to boot_end. The kernel needs a
 * few KiB of heap (its physical memory maps) and a few KiB of stack before the
 * first thread exists; 64 KiB leaves room for both with no arithmetic on the
 * e820 map size.
 */
export const BOOT_AREA_SIZE: u32 = 0x10000;
/** Bytes at the top of the boot area kept for the boot stack; the heap stops below them. */
export const BOOT_STACK_RESERVE: u32 = 0x4000;
/** What setup32 fills the stack reserve with, so the kernel can see how much of it was used. */
export const BOOT_STACK_POISON: u32 = 0x5ca1ab1e;

function pageUp(x: u64): u64 {
  return ((x + 0xfffn) >> 12n) << 12n;
}

/** Where the boot heap starts for an e820 copy of `entries` entries at `e820Map` (64-bit: it may pass 4 GiB). */
export function bootHeapFor(e820Map: u32, entries: u32): u64 {
  return pageUp(u64(e820Map) + u64(entries) * u64(E820_ENTRY_SIZE));
}

/** Where the boot area ends, for a boot heap at `bootHeap` (64-bit: it may pass 4 GiB). */
export function bootEndFor(bootHeap: u64): u64 {
  return bootHeap + u64(BOOT_AREA_SIZE);
}

/** True if an initrd [start, start + size) overlaps [areaStart, areaEnd): in 64 bits, so a size whose 32-bit end wraps still counts. */
export function initrdOverlaps(start: u32, size: u32, areaStart: u64, areaEnd: u64): bool {
  return size !== 0 && u64(start) < areaEnd && u64(start) + u64(size) > areaStart;
}

/**
 * Fills [from, bootEnd) with BOOT_STACK_POISON: setup32 does it for the whole
 * boot area before anything is put there. The heap zeroes what it allocates;
 * what the stack touches changes too.
 */
export function poisonBootArea(from: usize, bootEnd: usize): void {
  const words = ptr<u32>(from);
  const count = (bootEnd - from) >>> 2;
  for (let i: u32 = 0; i < count; i++) words[i] = BOOT_STACK_POISON;
}

/**
 * The deepest point the boot stack has reached: the lowest word above the
 * heap's top (`heapTop`) that no longer holds the poison. A frame need not
 * touch every word it reserves, so the search starts at the heap, not at the
 * reserve's bottom: a stack that skipped past the reserve is still seen.
 */
export function bootStackDeepest(heapTop: usize, bootEnd: usize): usize {
  let at: usize = u32((heapTop + 3) & 0xfffffffc);
  while (at < bootEnd && ptr<u32>(at)[0] === BOOT_STACK_POISON) at += 4;
  return at;
}
