// The physical and virtual memory layout the spec prescribes, and the rules
// that make a layout right. Pure: no printing, no hardware, so it is tested
// on the host (tests/kernel-host/) as well as checked at every boot.

/** Where every boot loader puts the protected-mode part of the image. */
export const IMAGE_START: u32 = 0x100000;
/** Bottom of user space: everything below is global kernel mappings. */
export const KLIMIT: u32 = 0x08000000;
export const PAGE_SIZE: u32 = 0x1000;
const E820_ENTRY_SIZE: u32 = 20;

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
  /** An address in the current boot stack frame. */
  bootStack: u32;
  bootEnd: u32;
  kernelRegionTop: u32;
  klimit: u32;
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
  E820MapAtImageTop,
  E820Entries,
  BootHeap,
  Cmdline,
  BootEnd,
  BootStack,
  KernelRegionTop,
  KernelRegionBelowKlimit,
  KernelRegionRam,
  InitrdOverlap,
  Klimit,
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
  "e820_map must equal image_top",
  "e820_entries must be between 1 and 128",
  "boot_heap must be page aligned and past the copied e820 map",
  "the command line copy must be the first object on the boot heap",
  "boot_end must be page aligned and above the boot heap",
  "the boot stack must lie between the boot heap's top and boot_end",
  "kernel_region_top must be page aligned and at least boot_end",
  "kernel_region_top must be below KLIMIT",
  "[image_start, kernel_region_top) must be RAM in the e820 map",
  "the initrd must not overlap [image_start, kernel_region_top)",
  "klimit must be 0x08000000",
];

function pageAligned(x: u32): bool {
  return (x & (PAGE_SIZE - 1)) === 0;
}

/** [start, start + size) without wrapping past 4 GiB. */
function endOf(start: u32, size: u32): u32 {
  const end = start + size;
  return end < start ? 0xffffffff : end;
}

/** The first rule `l` breaks, in the order of the layout diagram, or Ok. */
export function checkLayout(l: Layout): LayoutRule {
  if (l.imageStart !== IMAGE_START) return LayoutRule.ImageStart;
  if (l.kernelStart !== l.imageStart + PAGE_SIZE) return LayoutRule.KernelStart;
  if (l.kernelLinkStart !== l.kernelStart || l.kernelLinkEnd > endOf(l.kernelStart, l.kernelSize)) {
    return LayoutRule.KernelLinkedElsewhere;
  }
  const kernelEnd = endOf(l.kernelStart, l.kernelSize);
  if (l.kernelSize === 0 || kernelEnd > l.procStart) return LayoutRule.KernelSize;
  if (l.procStart >= l.imageTop) return LayoutRule.ProcStart;
  const procEnd = endOf(l.procStart, l.procSize);
  if (l.procSize === 0 || procEnd > l.imageTop) return LayoutRule.ProcSize;
  if (!pageAligned(l.imageTop)) return LayoutRule.ImageTopAligned;
  if (l.imageTop - procEnd >= PAGE_SIZE) return LayoutRule.ImageTopTight;
  if (l.e820Map !== l.imageTop) return LayoutRule.E820MapAtImageTop;
  if (l.e820Entries === 0 || l.e820Entries > 128) return LayoutRule.E820Entries;
  if (!pageAligned(l.bootHeap) || l.bootHeap < l.e820Map + l.e820Entries * E820_ENTRY_SIZE) return LayoutRule.BootHeap;
  if (l.cmdline !== l.bootHeap || l.cmdlineSize === 0 || endOf(l.cmdline, l.cmdlineSize) > l.bootHeapTop) {
    return LayoutRule.Cmdline;
  }
  if (!pageAligned(l.bootEnd) || l.bootEnd <= l.bootHeapTop) return LayoutRule.BootEnd;
  if (l.bootStack < l.bootHeapTop || l.bootStack >= l.bootEnd) return LayoutRule.BootStack;
  if (!pageAligned(l.kernelRegionTop) || l.kernelRegionTop < l.bootEnd) return LayoutRule.KernelRegionTop;
  if (l.kernelRegionTop > KLIMIT) return LayoutRule.KernelRegionBelowKlimit;
  if (!l.kernelRegionIsRam) return LayoutRule.KernelRegionRam;
  if (l.initrdSize !== 0 && l.initrdStart < l.kernelRegionTop && endOf(l.initrdStart, l.initrdSize) > l.imageStart) {
    return LayoutRule.InitrdOverlap;
  }
  if (l.klimit !== KLIMIT) return LayoutRule.Klimit;
  return LayoutRule.Ok;
}
