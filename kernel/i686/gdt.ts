// The kernel's global descriptor table: flat 4 GiB segments, because all
// protection is done by paging. Setup32 had its own GDT inside the setup page;
// the kernel replaces it with one it owns, with two task-state segments
// (tss.ts): the kernel's, and the double fault's.
// tsuki: optimize for size

export const KERNEL_CODE: u16 = 0x08;
export const KERNEL_DATA: u16 = 0x10;
export const USER_CODE: u16 = 0x18 | 3;
export const USER_DATA: u16 = 0x20 | 3;
export const TSS_KERNEL: u16 = 0x28;
export const TSS_DOUBLE_FAULT: u16 = 0x30;
const ENTRIES: u32 = 7;

// Descriptors are written with the "accessed" bit already set, so that the CPU
// never needs to write to the table when a selector is loaded.
const gdt: Arr<u64, 7> = [
  0n, //                  null
  0x00cf9b000000ffffn, // kernel code: base 0, limit 4 GiB, DPL 0, execute/read
  0x00cf93000000ffffn, // kernel data: base 0, limit 4 GiB, DPL 0, read/write
  0x00cffb000000ffffn, // user code:   base 0, limit 4 GiB, DPL 3, execute/read
  0x00cff3000000ffffn, // user data:   base 0, limit 4 GiB, DPL 3, read/write
  0n, //                  TSS_KERNEL, written by gdtSetTss()
  0n, //                  TSS_DOUBLE_FAULT, likewise
];

const gdtr: DescriptorTablePointer = zeroed();

export function gdtInit(): void {
  gdtr.limit = u16(sizeOf<u64>() * ENTRIES - 1);
  gdtr.base = addr(gdt);
  lgdt(gdtr);
  loadCs(KERNEL_CODE);
  loadDs(KERNEL_DATA);
  loadEs(KERNEL_DATA);
  loadFs(KERNEL_DATA);
  loadGs(KERNEL_DATA);
  loadSs(KERNEL_DATA);
}

/**
 * Writes the descriptor of a 32-bit available TSS (type 9, present, DPL 0,
 * byte granular; Intel SDM 8.2.2) at `selector`, for `size` bytes at `base`.
 */
export function gdtSetTss(selector: u16, base: u32, size: u32): void {
  const limit = size - 1;
  const low = ((base & 0xffff) << 16) | (limit & 0xffff);
  const high = (base & 0xff000000) | (limit & 0xf0000) | (0x89 << 8) | ((base >>> 16) & 0xff);
  gdt[u32(selector) >>> 3] = (u64(high) << 32n) | u64(low);
}
