// The physical and virtual memory layout the spec prescribes, and the rules
// that make a layout right. Pure: no printing, no hardware, so it is tested
// on the host (tests/kernel-host/) as well as checked at every boot. Written
// to compute the same under Node (docs/subset.md, "Running under Node"):
// every sum is done in 64 bits, so nothing wraps, and `tsuki image` and
// `tsuki inspect` run these very functions on an image (tools/kernelrules.ts),
// so an image they accept cannot fail them at boot.

import { E820_ENTRY_SIZE, E820_MAX_ENTRIES, IMAGE_START } from "./bootinfo";
import { BOOT_STACK_RESERVE, kernelRegionTopFor } from "./mm/bootarea";

/** Bottom of user space: everything below is global kernel mappings. */
export const KLIMIT: u32 = 0x08000000;
export const PAGE_SIZE: u32 = 0x1000;

/**
 * True if [va, va + length) lies in the user half, [KLIMIT, 4 GiB), without
 * wrapping (an empty range must start there too): the rule for every
 * pointer a system call receives (kernel/usercopy.ts).
 */
export function userRangeValid(va: u32, length: u32): bool {
  // 2^32 - va bytes lie from va to the top; 32-bit arithmetic (no u64 on the system-call path).
  return va >= KLIMIT && length <= u32(0xffffffff - va) + 1;
}

/** Every boundary the kernel knows about, as the layout report prints them. */
export interface Layout {
  imageStart: u32;
  kernelStart: u32;
  kernelSize: u32;
  procStart: u32;
  procSize: u32;
  imageTop: u32;
  e820Map: u32;
  e820Entries: u32;
  bootHeap: u32;
  cmdline: u32;
  cmdlineSize: u32;
  /** First byte of the boot heap not allocated yet. */
  bootHeapTop: u32;
  /** The deepest point the boot stack has reached so far (measured: bootarea.ts). */
  bootStack: u32;
  bootEnd: u32;
  /** Bytes of frame-allocator storage at the end of the initial page allocations (mm/frames.ts). */
  frameStorageBytes: u32;
  kernelRegionTop: u32;
  /** Where the running kernel was linked: its first and past-last byte. */
  kernelLinkStart: u32;
  kernelLinkEnd: u32;
  /** The initial ramdisk the loader placed (size 0: none). */
  initrdStart: u32;
  initrdSize: u32;
  /** True if the firmware map says [imageStart, kernelRegionTop) is RAM. */
  kernelRegionIsRam: bool;
}

export const enum LayoutRule {
  Ok = 0,
  ImageStart,
  KernelStart,
  KernelLinkedElsewhere,
  KernelSize,
  ProcStart,
  ProcSize,
  ImageTopAligned,
  ImageTopTight,
  E820Entries,
  BootHeap,
  Cmdline,
  BootEnd,
  BootStack,
  KernelRegionTop,
  KernelRegionBelowKlimit,
  KernelRegionRam,
  InitrdOverlap,
}

/** What each rule demands, for the PANIC line (indexed by LayoutRule). */
export const LAYOUT_RULES: readonly CStr[] = [
  "ok",
  "image_start must be 0x00100000",
  "kernel_start must be page aligned and right after the one-page setup32 (image_start + 0x1000)",
  "the running kernel must be linked at kernel_start and end inside kernel_size (its .bss included)",
  "kernel_start + kernel_size must not exceed proc_start",
  "proc_start must lie after the microkernel and below image_top",
  "proc_start + proc_size must not exceed image_top",
  "image_top must be page aligned",
  "image_top must be the page-aligned end of the process manager",
  "e820_entries must be between 1 and 128",
  "boot_heap must be page aligned and past the copied e820 map",
  "the command line copy must be the first object on the boot heap",
  "boot_end must be page aligned and above the boot heap",
  "the boot stack must stay inside its reserve, above the boot heap's top and below boot_end",
  "kernel_region_top must be boot_end + the page directory, the 32 shared kernel page tables and the frame allocator's storage in whole pages",
  "kernel_region_top must be below KLIMIT",
  "[image_start, kernel_region_top) must be RAM in the e820 map",
  "the initrd must not overlap [image_start, kernel_region_top)",
];

function pageAligned(x: u32): bool {
  return (x & (PAGE_SIZE - 1)) === 0;
}

/** The end of [start, start + size), in 64 bits: it never wraps. */
function endOf(start: u32, size: u32): u64 {
  return u64(start) + u64(size);
}

/** The first rule `l` breaks, in the order of the layout diagram, or Ok. */
export function checkLayout(l: Layout): LayoutRule {
  if (l.imageStart !== IMAGE_START) return LayoutRule.ImageStart;
  if (l.kernelStart !== IMAGE_START + PAGE_SIZE) return LayoutRule.KernelStart;
  const kernelEnd = endOf(l.kernelStart, l.kernelSize);
  if (l.kernelLinkStart !== l.kernelStart || u64(l.kernelLinkEnd) > kernelEnd) return LayoutRule.KernelLinkedElsewhere;
  if (l.kernelSize === 0 || kernelEnd > u64(l.procStart)) return LayoutRule.KernelSize;
  if (l.procStart >= l.imageTop) return LayoutRule.ProcStart;
  const procEnd = endOf(l.procStart, l.procSize);
  if (l.procSize === 0 || procEnd > u64(l.imageTop)) return LayoutRule.ProcSize;
  if (!pageAligned(l.imageTop)) return LayoutRule.ImageTopAligned;
  if (u64(l.imageTop) - procEnd >= u64(PAGE_SIZE)) return LayoutRule.ImageTopTight;
  if (l.e820Entries === 0 || l.e820Entries > E820_MAX_ENTRIES) return LayoutRule.E820Entries;
  const e820End = u64(l.e820Map) + u64(l.e820Entries) * u64(E820_ENTRY_SIZE);
  if (!pageAligned(l.bootHeap) || l.e820Map < l.imageTop || u64(l.bootHeap) < e820End) return LayoutRule.BootHeap;
  if (l.cmdline !== l.bootHeap || l.cmdlineSize === 0 || endOf(l.cmdline, l.cmdlineSize) > u64(l.bootHeapTop)) {
    return LayoutRule.Cmdline;
  }
  if (!pageAligned(l.bootEnd) || l.bootEnd <= l.bootHeapTop) return LayoutRule.BootEnd;
  const stackFloor = u64(l.bootEnd) - u64(BOOT_STACK_RESERVE);
  if (u64(l.bootStack) < stackFloor || l.bootStack >= l.bootEnd || u64(l.bootHeapTop) > stackFloor) return LayoutRule.BootStack;
  // The initial page allocations are exactly the directory, every kernel page
  // table and the frame storage (mm/bootarea.ts), so no slot below KLIMIT can
  // lack its shared table and nothing else hides between boot_end and the top.
  if (u64(l.kernelRegionTop) !== kernelRegionTopFor(u64(l.bootEnd), l.frameStorageBytes)) return LayoutRule.KernelRegionTop;
  if (l.kernelRegionTop > KLIMIT) return LayoutRule.KernelRegionBelowKlimit;
  if (!l.kernelRegionIsRam) return LayoutRule.KernelRegionRam;
  if (l.initrdSize !== 0 && l.initrdStart < l.kernelRegionTop && endOf(l.initrdStart, l.initrdSize) > u64(l.imageStart)) {
    return LayoutRule.InitrdOverlap;
  }
  return LayoutRule.Ok;
}
