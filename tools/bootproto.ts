// The Linux/x86 boot protocol 2.04 setup header and Tsuki's boot_info record,
// as tables. `tsuki image` patches fields by name and `tsuki inspect` prints
// and checks them, so both read their offsets from here and nowhere else.
// boot/boot.S defines the header bytes; kernel/bootinfo.ts reads boot_info.

export interface Field {
  name: string;
  offset: number; // in the image file (header) or in boot_info
  size: 1 | 2 | 4;
  meaning: string;
}

/** Setup header fields up to protocol 2.04 (file offsets 0x1F1-0x22F). */
export const HEADER_FIELDS: readonly Field[] = [
  { name: "setup_sects", offset: 0x1f1, size: 1, meaning: "512-byte sectors of 16-bit setup after the boot sector" },
  { name: "root_flags", offset: 0x1f2, size: 2, meaning: "obsolete: mount root read-only" },
  { name: "syssize", offset: 0x1f4, size: 4, meaning: "protected-mode part size in 16-byte units" },
  { name: "ram_size", offset: 0x1f8, size: 2, meaning: "obsolete" },
  { name: "vid_mode", offset: 0x1fa, size: 2, meaning: "video mode (0xFFFF = normal)" },
  { name: "root_dev", offset: 0x1fc, size: 2, meaning: "default root device (unused)" },
  { name: "boot_flag", offset: 0x1fe, size: 2, meaning: "0xAA55 boot signature" },
  { name: "jump", offset: 0x200, size: 2, meaning: "short jump to the setup entry (eb 2e: to 0x230)" },
  { name: "header", offset: 0x202, size: 4, meaning: "magic \"HdrS\"" },
  { name: "version", offset: 0x206, size: 2, meaning: "boot protocol version" },
  { name: "realmode_swtch", offset: 0x208, size: 4, meaning: "boot loader real-mode hook" },
  { name: "start_sys_seg", offset: 0x20c, size: 2, meaning: "obsolete load segment" },
  { name: "kernel_version", offset: 0x20e, size: 2, meaning: "version string offset - 0x200" },
  { name: "type_of_loader", offset: 0x210, size: 1, meaning: "boot loader id (written by the loader)" },
  { name: "loadflags", offset: 0x211, size: 1, meaning: "bit 0 LOADED_HIGH, bit 7 CAN_USE_HEAP" },
  { name: "setup_move_size", offset: 0x212, size: 2, meaning: "obsolete" },
  { name: "code32_start", offset: 0x214, size: 4, meaning: "32-bit entry point" },
  { name: "ramdisk_image", offset: 0x218, size: 4, meaning: "initrd address (written by the loader)" },
  { name: "ramdisk_size", offset: 0x21c, size: 4, meaning: "initrd size (written by the loader)" },
  { name: "bootsect_kludge", offset: 0x220, size: 4, meaning: "obsolete" },
  { name: "heap_end_ptr", offset: 0x224, size: 2, meaning: "end of setup heap - 0x200 (written by the loader)" },
  { name: "ext_loader_ver", offset: 0x226, size: 1, meaning: "extended loader version (written by the loader)" },
  { name: "ext_loader_type", offset: 0x227, size: 1, meaning: "extended loader type (written by the loader)" },
  { name: "cmd_line_ptr", offset: 0x228, size: 4, meaning: "command line address (written by the loader)" },
  { name: "initrd_addr_max", offset: 0x22c, size: 4, meaning: "highest address an initrd may occupy" },
];

export const HEADER_START = 0x1f1;
export const HEADER_END = 0x230; // one past the last 2.04 field
export const SECTOR = 512;
export const BOOT_FLAG = 0xaa55;
export const HDRS = 0x53726448; // "HdrS" read as a little-endian u32
export const PROTOCOL_VERSION = 0x0204;
export const JUMP = 0x2eeb; // bytes eb 2e read as a little-endian u16
export const LOADED_HIGH = 0x01;
export const CAN_USE_HEAP = 0x80;
/** loadflags bits a boot loader sets (QUIET_FLAG, KEEP_SEGMENTS, CAN_USE_HEAP): 0 in the image file. */
export const LOADER_LOADFLAGS = 0xe0;
/** loadflags bits the protocol defines at all; KASLR_FLAG (0x02) is the kernel's own, at run time. */
export const DEFINED_LOADFLAGS = 0xe3;
/**
 * Header fields the boot loader writes (boot protocol: "write" or "modify"
 * obligatory for the loader): 0 in the image file, written so by `tsuki
 * image` and checked by `tsuki inspect`. A value left in the file would reach
 * the kernel as if a loader had set it, e.g. a phantom initrd.
 */
export const LOADER_FIELDS = ["type_of_loader", "ramdisk_image", "ramdisk_size", "heap_end_ptr", "ext_loader_ver", "ext_loader_type", "cmd_line_ptr"] as const;
/** The longest kernel_version string accepted (the protocol gives no limit; Linux's are well under it). */
export const KERNEL_VERSION_MAX = 255;
/** GRUB reads at most 64 setup sectors; others accept more, but not us. */
export const MAX_SETUP_SECTS = 64;

/** Where every loader puts the protected-mode part (setup32 first). */
export const IMAGE_START = 0x100000;
/** setup32 is exactly one page, so the kernel ELF starts at the next one. */
export const SETUP32_SIZE = 0x1000;
export const KERNEL_START = IMAGE_START + SETUP32_SIZE;
export const PAGE = 0x1000;
/** User space starts here; the process manager is linked above it. */
export const KLIMIT = 0x08000000;

/** boot_info sits at offset 4 of setup32, after `eb XX` and 2 bytes of padding. */
export const BOOT_INFO_OFFSET = 4;
export const BOOT_INFO_SIGNATURE = 0x494b5354; // "TSKI"
export const BOOT_INFO_VERSION = 2;
export const BOOT_INFO_SIZE = 0x50;

/** boot_info fields; `image` marks those `tsuki image` writes, the rest setup32 fills at run time. */
export const BOOT_INFO_FIELDS: readonly (Field & { image: boolean })[] = [
  { name: "signature", offset: 0x00, size: 4, image: false, meaning: "0x494B5354 \"TSKI\" (assembled into setup32)" },
  { name: "version", offset: 0x04, size: 4, image: false, meaning: "boot_info layout version (2)" },
  { name: "image_start", offset: 0x08, size: 4, image: true, meaning: "physical address of setup32 (0x100000)" },
  { name: "image_top", offset: 0x0c, size: 4, image: true, meaning: "page-aligned end of the protected-mode part" },
  { name: "kernel_start", offset: 0x10, size: 4, image: true, meaning: "microkernel ELF, run in place" },
  { name: "kernel_size", offset: 0x14, size: 4, image: true, meaning: "microkernel ELF size in bytes" },
  { name: "proc_start", offset: 0x18, size: 4, image: true, meaning: "process manager ELF (page aligned)" },
  { name: "proc_size", offset: 0x1c, size: 4, image: true, meaning: "process manager ELF size in bytes" },
  { name: "e820_map", offset: 0x20, size: 4, image: false, meaning: "copy of the BIOS e820 map (= image_top)" },
  { name: "e820_entries", offset: 0x24, size: 4, image: false, meaning: "entries in that copy" },
  { name: "boot_heap", offset: 0x28, size: 4, image: false, meaning: "start of the boot heap" },
  { name: "boot_end", offset: 0x2c, size: 4, image: false, meaning: "top of the boot heap/stack" },
  { name: "cmdline", offset: 0x30, size: 4, image: false, meaning: "command line copy address" },
  { name: "cmdline_size", offset: 0x34, size: 4, image: false, meaning: "command line copy size" },
  { name: "zero_page", offset: 0x38, size: 4, image: false, meaning: "zero page address (esi at entry)" },
  { name: "initrd_start", offset: 0x3c, size: 4, image: false, meaning: "initrd address" },
  { name: "initrd_size", offset: 0x40, size: 4, image: false, meaning: "initrd size" },
  { name: "loader", offset: 0x44, size: 4, image: false, meaning: "type_of_loader" },
  { name: "entry_tsc_low", offset: 0x48, size: 4, image: false, meaning: "time-stamp counter at setup32's entry, low half (0: no TSC)" },
  { name: "entry_tsc_high", offset: 0x4c, size: 4, image: false, meaning: "its high half" },
];

export function field(table: readonly Field[], name: string): Field {
  const f = table.find((x) => x.name === name);
  if (f === undefined) throw new Error(`internal: no field '${name}'`);
  return f;
}

export function readField(buf: Buffer, base: number, f: Field): number {
  const at = base + f.offset;
  return f.size === 1 ? buf.readUInt8(at) : f.size === 2 ? buf.readUInt16LE(at) : buf.readUInt32LE(at);
}

export function writeField(buf: Buffer, base: number, f: Field, value: number): void {
  const at = base + f.offset;
  if (f.size === 1) buf.writeUInt8(value, at);
  else if (f.size === 2) buf.writeUInt16LE(value, at);
  else buf.writeUInt32LE(value >>> 0, at);
}

export const hdr = (name: string): Field => field(HEADER_FIELDS, name);
export const bi = (name: string): Field => field(BOOT_INFO_FIELDS, name);

export const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;
export const hex = (n: number, digits = 8): string => "0x" + (n >>> 0).toString(16).padStart(digits, "0");
