// CPU set-up as a kernel writes it: control registers, a TLB flush, the
// descriptor tables, the task register and segment reloads, MSRs, and the
// interrupt flag. Compiled unchanged for the kernel (tests/compiler-kernel.test.ts)
// and for the host, where every instruction is recorded.

const CR0_WP: u32 = 0x10000;
const CR0_PG: u32 = 0x80000000;
const CR4_PSE: u32 = 0x10;
const PAGE_SIZE: u32 = 0x1000;
const IA32_SYSENTER_CS: u32 = 0x174;
const IA32_SYSENTER_ESP: u32 = 0x175;
const IA32_SYSENTER_EIP: u32 = 0x176;
const IA32_APIC_BASE: u32 = 0x1b;
const APIC_ENABLE: u64 = 0x800n;

export function enablePaging(directory: usize): bool {
  writeCr3(directory);
  writeCr4(readCr4() | CR4_PSE);
  writeCr0(readCr0() | CR0_PG | CR0_WP);
  return (readCr0() & CR0_PG) !== 0;
}

/** The address of the last page fault, page-aligned. */
export function faultPage(): usize {
  return readCr2() & ~(PAGE_SIZE - 1);
}

/** Drops the TLB entries of [start, start + pages * PAGE_SIZE). */
export function flushRange(start: usize, pages: u32): void {
  for (let i: u32 = 0; i < pages; i++) invlpg(start + i * PAGE_SIZE);
}

const gdtr: DescriptorTablePointer = zeroed();
const idtr: DescriptorTablePointer = zeroed();

export function loadTables(gdt: usize, gdtEntries: u32, idt: usize, tss: u16): void {
  gdtr.limit = u16(gdtEntries * 8 - 1);
  gdtr.base = gdt;
  lgdt(gdtr);
  loadCs(0x08);
  loadDs(0x10);
  loadEs(0x10);
  loadFs(0x10);
  loadGs(0x10);
  loadSs(0x10);
  ltr(tss);
  idtr.limit = 256 * 8 - 1;
  idtr.base = idt;
  lidt(idtr);
  idtr.base = 0; // too late: lidt has read the table pointer
}

export function sysenterInit(cs: u16, stack: usize, entry: usize): void {
  wrmsr(IA32_SYSENTER_CS, u64(cs));
  wrmsr(IA32_SYSENTER_ESP, u64(stack));
  wrmsr(IA32_SYSENTER_EIP, u64(entry));
}

/** Turns the local APIC on; returns its physical base. */
export function apicEnable(): u64 {
  const base = rdmsr(IA32_APIC_BASE);
  wrmsr(IA32_APIC_BASE, base | APIC_ENABLE);
  return base & 0xfffff000n;
}

/** The idle loop's body: interrupts on, wait for one, then off again. */
export function idleOnce(): void {
  sti();
  hlt();
  cli();
}
