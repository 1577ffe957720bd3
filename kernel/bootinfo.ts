// boot_info: the record the 32-bit setup code hands to the microkernel.
//
// It lives at offset 4 of the 32-bit setup code, i.e. at physical 0x100004,
// right after a 2-byte short jump and 2 bytes of padding. Three parties write
// it, in this order:
//   1. `tsuki image` (build time): image_start, image_top, kernel_start,
//      kernel_size, proc_start, proc_size;
//   2. setup32 (run time): everything else;
//   3. nobody afterwards: the kernel only reads it.
// The layout is a binary contract with tools/image.ts: fields are never
// reordered, only appended (and then `version` is raised).
// tsuki: optimize for size

export const BOOT_INFO_SIGNATURE: u32 = 0x494b5354; // "TSKI" in little-endian memory order
export const BOOT_INFO_VERSION: u32 = 2;
export const BOOT_INFO_SIZE: u32 = 0x50;

export interface BootInfo extends Packed {
  signature: u32; //    +0x00 BOOT_INFO_SIGNATURE
  version: u32; //      +0x04 BOOT_INFO_VERSION
  imageStart: u32; //   +0x08 physical address of the 32-bit setup code (0x100000)
  imageTop: u32; //     +0x0c page-aligned end of the protected-mode part
  kernelStart: u32; //  +0x10 microkernel ELF file, run in place
  kernelSize: u32; //   +0x14 its size in bytes
  procStart: u32; //    +0x18 process manager ELF file
  procSize: u32; //     +0x1c its size in bytes
  e820Map: u32; //      +0x20 copy of the BIOS e820 map (= imageTop)
  e820Entries: u32; //  +0x24 number of 20-byte entries in it
  bootHeap: u32; //     +0x28 page-aligned start of the boot heap
  bootEnd: u32; //      +0x2c page-aligned top of the boot heap/stack area
  cmdline: u32; //      +0x30 copy of the command line (first boot-heap object)
  cmdlineSize: u32; //  +0x34 bytes of that copy, terminating NUL included
  zeroPage: u32; //     +0x38 the loader's zero page (esi on entry)
  initrdStart: u32; //  +0x3c ramdisk_image from the setup header (0 if none)
  initrdSize: u32; //   +0x40 ramdisk_size
  loader: u32; //       +0x44 type_of_loader from the setup header
  entryTsc: u64; //     +0x48 rdtsc at setup32's entry (0 on a CPU without a TSC): where the boot's cycle count starts
}

/** Where every boot loader puts the protected-mode part of the image (setup32, boot_info's page). */
export const IMAGE_START: u32 = 0x100000;

/** Longest command line setup32 copies, NUL excluded (x86 Linux's COMMAND_LINE_SIZE - 1). */
export const CMDLINE_MAX: u32 = 2047;

/** One entry of the BIOS e820 map, as int 0x15/eax=0xE820 returns it. */
export interface E820Entry extends Packed {
  base: u64;
  length: u64;
  type: u32;
}

export const E820_ENTRY_SIZE: u32 = 20;
/** The zero page has room for 128 entries (0x2d0..0xcd0). */
export const E820_MAX_ENTRIES: u32 = 128;

// e820 entry types (ACPI specification, "Address Range Types").
export const E820_RAM: u32 = 1;
export const E820_RESERVED: u32 = 2;
export const E820_ACPI_RECLAIMABLE: u32 = 3;
export const E820_ACPI_NVS: u32 = 4;
export const E820_UNUSABLE: u32 = 5;
