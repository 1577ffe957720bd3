// Task-state segments. The kernel's TSS holds the stack the CPU switches to
// when an interrupt arrives in ring 3 (esp0, which follows the running
// thread). A second TSS, reached through a task gate on vector 8, runs the
// double-fault handler on a stack of its own: a kernel stack that overflows
// into its guard page cannot take the page fault's frame, the CPU raises a
// double fault, and the task switch still has a good stack to report it on.
// The CPU saves the interrupted state into the kernel's TSS on that switch.

import { KERNEL_CODE, KERNEL_DATA, TSS_DOUBLE_FAULT, TSS_KERNEL, gdtSetTss } from "./gdt";
import { setTaskGate } from "./trap";
import { VECTOR_DOUBLE_FAULT } from "./vectors";

/** The 32-bit TSS (Intel SDM 8.2.1); segment fields use their low 16 bits. */
export interface Tss {
  link: u32;
  esp0: u32;
  ss0: u32;
  esp1: u32;
  ss1: u32;
  esp2: u32;
  ss2: u32;
  cr3: u32;
  eip: u32;
  eflags: u32;
  eax: u32;
  ecx: u32;
  edx: u32;
  ebx: u32;
  esp: u32;
  ebp: u32;
  esi: u32;
  edi: u32;
  es: u32;
  cs: u32;
  ss: u32;
  ds: u32;
  fs: u32;
  gs: u32;
  ldt: u32;
  trap: u16;
  /** Past the segment's end: no I/O permission bitmap, so ring 3 has no port access. */
  ioMapBase: u16;
}

/** EFLAGS with only the always-one bit: interrupts off in the double-fault task. */
const EFLAGS_RESERVED: u32 = 0x2;

const kernelTss: Tss = zeroed({ align: 128 });
const doubleFaultTss: Tss = zeroed({ align: 128 });

/**
 * Loads the kernel's TSS and points vector 8 at the double-fault task, which
 * runs `entry` on the stack below `stackTop` (the boot's: kernel/main.ts
 * takes it from the boot heap, kmain.ts later moves the task to pages above
 * a guard page with tssSetDoubleFaultStack).
 */
export function tssInit(entry: usize, stackTop: usize): void {
  kernelTss.ss0 = KERNEL_DATA;
  kernelTss.ioMapBase = u16(sizeOf<Tss>());
  const d = doubleFaultTss;
  d.eip = entry;
  d.esp = stackTop;
  d.ebp = 0;
  d.eflags = EFLAGS_RESERVED;
  d.cr3 = readCr3();
  d.cs = KERNEL_CODE;
  d.ss = KERNEL_DATA;
  d.ds = KERNEL_DATA;
  d.es = KERNEL_DATA;
  d.fs = KERNEL_DATA;
  d.gs = KERNEL_DATA;
  d.ioMapBase = u16(sizeOf<Tss>());
  gdtSetTss(TSS_KERNEL, addr(kernelTss), sizeOf<Tss>());
  gdtSetTss(TSS_DOUBLE_FAULT, addr(doubleFaultTss), sizeOf<Tss>());
  ltr(TSS_KERNEL);
  setTaskGate(VECTOR_DOUBLE_FAULT, TSS_DOUBLE_FAULT);
}

/** The stack the CPU loads when an interrupt or exception arrives in ring 3. */
export function tssSetKernelStack(esp0: u32): void {
  kernelTss.esp0 = esp0;
}

/**
 * Moves the double-fault task to a stack whose top is `top` (one with a guard
 * page below it, once the kernel can allocate one): the static stack it
 * starts on has mapped kernel data below it.
 */
export function tssSetDoubleFaultStack(top: u32): void {
  doubleFaultTss.esp = top;
}

/** The page directory the double-fault task switches to (the kernel's, once paging is on). */
export function tssSetDirectory(cr3: u32): void {
  doubleFaultTss.cr3 = cr3;
}

/** What the CPU saved of the task a double fault interrupted. */
export function interruptedTask(): Readonly<Tss> {
  return kernelTss;
}
