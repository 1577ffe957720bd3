// The interrupt vectors the kernel gives a meaning to: constants only, so the
// modules that need them (the PIC, the TSS, the kernel's fault and interrupt
// policy) do not pull in the IDT code, and the host tests can compile them.

export const VECTOR_DOUBLE_FAULT: u32 = 8;
export const VECTOR_PAGE_FAULT: u32 = 14;
/** Vectors 0-31 are the CPU's exceptions (Intel SDM 6.3.1). */
export const EXCEPTION_VECTORS: u32 = 32;
/** The PICs' 16 lines are remapped to 0x20-0x2f (pic.ts), past the exceptions. */
export const IRQ_BASE: u32 = 0x20;
export const IRQ_LINES: u32 = 16;
/** The system-call vector: its gate may be used from ring 3. */
export const VECTOR_SYSCALL: u32 = 0x80;
