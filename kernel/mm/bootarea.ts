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
//   boot_end               the initial page allocations: the page directory,
//   + PAGE                   then the KERNEL_PAGE_TABLES shared kernel page
//                            tables (slot i at boot_end + (1 + i) pages),
//   frameStorageAt()         then the frame allocator's storage (whole pages)
//   kernel_region_top      = kernelRegionTopFor(boot_end, storage bytes)
//
// kernelRegionTopFor is here, not in vm.ts, because the layout self-check
// (kernel/layout.ts) and the image tools (tools/kernelrules.ts) need it too.
// tsuki: optimize for size

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
/**
 * What setup32 fills the boot area with, so the kernel can see how much of
 * the stack was used: one byte repeated, so that the fill is a memset.
 */
const BOOT_STACK_POISON_BYTE: u8 = 0xa5;
export const BOOT_STACK_POISON: u32 = 0xa5a5a5a5;

/**
 * The shared kernel half: one page table per 4 MiB slot of [0, KLIMIT)
 * (0x08000000 / 0x400000), all allocated at boot, so that every page
 * directory can point its first 32 entries at the same tables.
 */
export const KERNEL_PAGE_TABLES: u32 = 32;
const PAGE: u32 = 0x1000;

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
  memset(from, BOOT_STACK_POISON_BYTE, bootEnd - from);
}

/**
 * The deepest point the boot stack has reached: the lowest word above the
 * heap's top (`heapTop`) that no longer holds the poison. A frame need not
 * touch every word it reserves, so the search starts at the heap, not at the
 * reserve's bottom: a stack that skipped past the reserve is still seen.
 */
export function bootStackDeepest(heapTop: usize, bootEnd: usize): usize {
  const at: usize = u32((heapTop + 3) & 0xfffffffc);
  if (at >= bootEnd) return bootEnd;
  return at + scanWords(at, (bootEnd - at) >>> 2, BOOT_STACK_POISON) * 4;
}

/** Where the frame allocator's storage starts: after the page directory and the shared kernel page tables. */
export function frameStorageAt(bootEnd: u64): u64 {
  return bootEnd + u64(PAGE) * u64(1 + KERNEL_PAGE_TABLES);
}

/**
 * Where the initial page allocations end (kernel_region_top) when they start
 * at `bootEnd`: the page directory, the KERNEL_PAGE_TABLES shared tables and
 * `frameStorageBytes` of frame-allocator storage rounded up to whole pages.
 * 64-bit, so it cannot wrap (the self-check compares it with KLIMIT).
 */
export function kernelRegionTopFor(bootEnd: u64, frameStorageBytes: u32): u64 {
  return frameStorageAt(bootEnd) + pageUp(u64(frameStorageBytes));
}
