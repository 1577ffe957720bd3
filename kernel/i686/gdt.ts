// The kernel's global descriptor table: flat 4 GiB segments, because all
// protection is done by paging. Setup32 had its own GDT inside the setup page;
// the kernel replaces it with one it owns (and will extend with a TSS).

export const KERNEL_CODE: u16 = 0x08;
export const KERNEL_DATA: u16 = 0x10;
export const USER_CODE: u16 = 0x18 | 3;
export const USER_DATA: u16 = 0x20 | 3;

// Descriptors are written with the "accessed" bit already set, so that the CPU
// never needs to write to the table when a selector is loaded.
const gdt: Arr<u64, 5> = [
  0n, //                  null
  0x00cf9b000000ffffn, // kernel code: base 0, limit 4 GiB, DPL 0, execute/read
  0x00cf93000000ffffn, // kernel data: base 0, limit 4 GiB, DPL 0, read/write
  0x00cffb000000ffffn, // user code:   base 0, limit 4 GiB, DPL 3, execute/read
  0x00cff3000000ffffn, // user data:   base 0, limit 4 GiB, DPL 3, read/write
];

const gdtr: DescriptorTablePointer = zeroed();

export function gdtInit(): void {
  gdtr.limit = u16(sizeOf<u64>() * 5 - 1);
  gdtr.base = addr(gdt);
  lgdt(gdtr);
  loadCs(KERNEL_CODE);
  loadDs(KERNEL_DATA);
  loadEs(KERNEL_DATA);
  loadFs(KERNEL_DATA);
  loadGs(KERNEL_DATA);
  loadSs(KERNEL_DATA);
}
