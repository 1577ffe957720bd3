// The 32-bit setup code, after its first instructions (entry.S).
//
// Runs at physical addresses with paging off, on the small stack at the top
// of the setup32 page. It turns the loader's zero page into the kernel's view
// of the machine, placed right above the image (see docs/layout.md):
//
//   image_top = e820_map   copy of the e820 table (the zero page lives in low
//                          memory, which the kernel will not map)
//   boot_heap              page aligned; the first object on it is the copy of
//                          the command line
//   boot_end               boot_heap + BOOT_AREA_SIZE; the boot stack grows
//                          down from here, the heap grows up towards it
//
// and returns the microkernel's entry point; entry.S switches to the boot
// stack and calls it with the boot_info address.

import { BootInfo, E820_ENTRY_SIZE, E820_MAX_ENTRIES } from "../../kernel/bootinfo";
import { e820IsRam } from "../../kernel/mm/e820";

/** boot_info, at offset 4 of this page (entry.S). */
declare const boot_info: u8;

// Zero page ("struct boot_params") offsets, from the Linux/x86 boot protocol.
const ZP_E820_ENTRIES = 0x1e8; // u8
const ZP_TYPE_OF_LOADER = 0x210; // u8
const ZP_RAMDISK_IMAGE = 0x218; // u32
const ZP_RAMDISK_SIZE = 0x21c; // u32
const ZP_CMD_LINE_PTR = 0x228; // u32
const ZP_E820_TABLE = 0x2d0; // 128 entries of 20 bytes

const PAGE_MASK: u32 = 0xfffff000;
/** Longest command line kept, NUL excluded (x86 Linux's COMMAND_LINE_SIZE). */
const CMDLINE_MAX: u32 = 2047;
/**
 * Boot heap plus boot stack, from boot_heap to boot_end. The kernel needs a
 * few KiB of heap (its physical memory map) and a few KiB of stack before the
 * first thread exists; 64 KiB leaves room for both with no arithmetic on the
 * e820 map size.
 */
const BOOT_AREA_SIZE: u32 = 0x10000;

const ELF_MAGIC: u32 = 0x464c457f; // "\x7fELF"
const ELF_ENTRY_OFFSET: u32 = 0x18;

const COM1: u16 = 0x3f8;
const DEBUG_EXIT_PORT: u16 = 0xf4;
const DEBUG_EXIT_FAILURE: u8 = 0x11;

function pageUp(x: u32): u32 {
  return (x + 0xfff) & PAGE_MASK;
}

/**
 * Setup cannot go on: say why on COM1 (the kernel's console is not up yet,
 * but QEMU and the BIOS leave the UART usable) and stop the machine.
 */
function fail(reason: CStr): void {
  const text = ptr<u8>(addr(reason));
  for (let i: u32 = 0; text[i] !== 0; i++) outb(COM1, text[i]);
  outb(DEBUG_EXIT_PORT, DEBUG_EXIT_FAILURE);
  for (;;) hlt();
}

/** Copies the e820 table from the zero page to image_top. */
function copyE820(info: BootInfo, zeroPage: usize): void {
  let count: u32 = ptr<u8>(zeroPage)[ZP_E820_ENTRIES];
  if (count > E820_MAX_ENTRIES) count = E820_MAX_ENTRIES;
  info.e820Map = info.imageTop;
  info.e820Entries = count;
  memcpy(info.e820Map, zeroPage + ZP_E820_TABLE, count * E820_ENTRY_SIZE);
}

/**
 * Copies the command line to the start of the boot heap. There is always a
 * copy, empty if the loader passed none, so the kernel has one case.
 */
function copyCmdline(info: BootInfo, zeroPage: usize): void {
  const source = ptr<u32>(zeroPage + ZP_CMD_LINE_PTR)[0];
  const copy = ptr<u8>(info.bootHeap);
  let length: u32 = 0;
  if (source !== 0) {
    const text = ptr<u8>(source);
    while (length < CMDLINE_MAX && text[length] !== 0) {
      copy[length] = text[length];
      length++;
    }
  }
  copy[length] = 0;
  info.cmdline = info.bootHeap;
  info.cmdlineSize = length + 1;
}

/** Called by entry.S with the zero page; returns the kernel's entry point. */
export function main(zeroPage: usize): usize {
  const info = ref<BootInfo>(addr(boot_info));
  info.zeroPage = zeroPage;
  info.loader = ptr<u8>(zeroPage)[ZP_TYPE_OF_LOADER];
  info.initrdStart = ptr<u32>(zeroPage + ZP_RAMDISK_IMAGE)[0];
  info.initrdSize = ptr<u32>(zeroPage + ZP_RAMDISK_SIZE)[0];

  copyE820(info, zeroPage);
  info.bootHeap = pageUp(info.e820Map + info.e820Entries * E820_ENTRY_SIZE);
  info.bootEnd = info.bootHeap + BOOT_AREA_SIZE;
  // Everything from here on writes above the image: it must be RAM.
  // (RAM possibly split over several entries, and not overlapped by a reserved one.)
  if (!e820IsRam(info.e820Map, info.e820Entries, u64(info.imageStart), u64(info.bootEnd))) fail("PANIC: setup32: no RAM for the boot heap and stack above the image\n");
  if (info.initrdSize !== 0 && info.initrdStart < info.bootEnd && info.initrdStart + info.initrdSize > info.imageStart) {
    fail("PANIC: setup32: the initrd overlaps the boot heap and stack\n");
  }
  copyCmdline(info, zeroPage);

  const kernel = ptr<u32>(info.kernelStart);
  if (kernel[0] !== ELF_MAGIC) fail("PANIC: setup32: no ELF file at kernel_start\n");
  const entry = ptr<u32>(info.kernelStart + ELF_ENTRY_OFFSET)[0];
  if (entry < info.kernelStart || entry >= info.kernelStart + info.kernelSize) {
    fail("PANIC: setup32: kernel entry point outside the kernel file\n");
  }
  return entry;
}
