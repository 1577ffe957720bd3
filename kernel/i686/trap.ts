// CPU exceptions: the interrupt descriptor table and the dispatcher that the
// assembly stubs (traps.S) call.
//
// The machine layer decodes what the CPU saved (vector, error code, faulting
// instruction, CR2 for page faults) and passes it to the one handler the
// kernel registers; what to do about an exception is the kernel's decision.

import { KERNEL_CODE } from "./gdt";

/** The stack as traps.S leaves it (lowest address first). */
export interface TrapFrame {
  edi: u32;
  esi: u32;
  ebp: u32;
  espAtPushal: u32;
  ebx: u32;
  edx: u32;
  ecx: u32;
  eax: u32;
  gs: u32;
  fs: u32;
  es: u32;
  ds: u32;
  vector: u32;
  errorCode: u32;
  eip: u32;
  cs: u32;
  eflags: u32;
}

/** What the kernel learns about an exception. */
export interface Exception {
  vector: u32;
  errorCode: u32;
  /** The instruction that faulted (or the next one, for traps). */
  pc: u32;
  /** CR2 for page faults: the linear address that was accessed; 0 otherwise. */
  faultAddress: u32;
  /** True if the CPU was running ring 3 code. */
  fromUser: bool;
}

export type ExceptionHandler = (e: Exception) => void;

export const VECTOR_PAGE_FAULT: u32 = 14;
const EXCEPTION_VECTORS: u32 = 32;

/** An IDT entry (Intel SDM 6.11). */
interface GateDescriptor extends Packed {
  offsetLow: u16;
  selector: u16;
  zero: u8;
  flags: u8;
  offsetHigh: u16;
}

const GATE_INTERRUPT_32_DPL0: u8 = 0x8e; // present, DPL 0, 32-bit interrupt gate

/** trap_stubs[v]: the address of the stub for vector v (traps.S). */
declare const trap_stubs: u32;

const idt: Arr<GateDescriptor, 256> = zeroed({ align: 8 });
const idtr: DescriptorTablePointer = zeroed();
let handler: ExceptionHandler | null = null;

/** Installs gates for the 32 exception vectors and loads the IDT. */
export function trapInit(h: ExceptionHandler): void {
  handler = h;
  const stubs = ptr<u32>(addr(trap_stubs));
  for (let v: u32 = 0; v < EXCEPTION_VECTORS; v++) {
    const gate = idt[v];
    gate.offsetLow = u16(stubs[v]);
    gate.selector = KERNEL_CODE;
    gate.zero = 0;
    gate.flags = GATE_INTERRUPT_32_DPL0;
    gate.offsetHigh = u16(stubs[v] >>> 16);
  }
  idtr.limit = u16(sizeOf<GateDescriptor>() * 256 - 1);
  idtr.base = addr(idt);
  lidt(idtr);
}

/** Called by traps.S for every exception, with interrupts disabled. */
export function trapDispatch(frame: TrapFrame): void {
  const e: Exception = zeroed();
  e.vector = frame.vector;
  e.errorCode = frame.errorCode;
  e.pc = frame.eip;
  e.faultAddress = frame.vector === VECTOR_PAGE_FAULT ? readCr2() : 0;
  e.fromUser = (frame.cs & 3) !== 0;
  const h = handler;
  if (h !== null) h(e);
}
