// Interrupts and exceptions: the interrupt descriptor table over all 256
// vectors and the dispatcher that the assembly stubs (traps.S) call.
//
// The machine layer tells vectors apart and decodes what the CPU saved
// (vector, error code, faulting instruction, CR2 for page faults); what to do
// about an exception, an interrupt request or a stray vector is the kernel's
// decision, through the handlers it registers with trapInit().

import { KERNEL_CODE, KERNEL_DATA, USER_CODE, USER_DATA } from "./gdt";
import { faultFixup, sysenterDebugTrap } from "./user";
import { EXCEPTION_VECTORS, IRQ_BASE, IRQ_LINES, VECTOR_PAGE_FAULT, VECTOR_SYSCALL } from "./vectors";

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

/** What the CPU pushes above a TrapFrame when it came from ring 3. */
interface UserStack {
  esp: u32;
  ss: u32;
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
  /** The stack pointer and stack segment when it happened. */
  esp: u32;
  ss: u32;
  /** Everything the stubs saved. */
  frame: TrapFrame;
}

export type ExceptionHandler = (e: Exception) => void;
/** An interrupt request from the PICs, by line (0-15). */
export type InterruptHandler = (irq: u32) => void;
/** Any other vector (the system call, stray ones), with what was saved. */
export type VectorHandler = (vector: u32, frame: TrapFrame) => void;


const VECTORS: u32 = 256;
/** Bytes per stub in traps.S (STUB_SIZE there). */
const STUB_SIZE: u32 = 16;

/** An IDT entry (Intel SDM 6.11). */
interface GateDescriptor extends Packed {
  offsetLow: u16;
  selector: u16;
  zero: u8;
  flags: u8;
  offsetHigh: u16;
}

const GATE_PRESENT: u8 = 0x80;
const GATE_INTERRUPT_32: u8 = 0x0e; // interrupts stay off in every handler
const GATE_DPL3: u8 = 0x60;

/** The first stub and the end of the last one (traps.S). */
declare const trap_stubs: u8;
declare const trap_stubs_end: u8;

/** The interrupt descriptor table: storage the kernel gives trapInit (from its boot heap). */
export interface Idt {
  gates: Arr<GateDescriptor, 256>;
}

let idt: Idt | null = null;
const idtr: DescriptorTablePointer = zeroed();
let onException: ExceptionHandler | null = null;
let onInterrupt: InterruptHandler | null = null;
let onOther: VectorHandler | null = null;

function setGate(vector: u32, target: usize, flags: u8): void {
  const gate = idt!.gates[vector];
  gate.offsetLow = u16(target);
  gate.selector = KERNEL_CODE;
  gate.zero = 0;
  gate.flags = flags;
  gate.offsetHigh = u16(target >>> 16);
}

/**
 * Installs interrupt gates for all 256 vectors in `table` (the system call's usable
 * from ring 3) and loads the IDT. False if traps.S does not have one stub per
 * vector of the size this file expects: the gates would point into the middle
 * of stubs.
 */
export function trapInit(table: Idt, exception: ExceptionHandler, interrupt: InterruptHandler, other: VectorHandler): bool {
  idt = table;
  onException = exception;
  onInterrupt = interrupt;
  onOther = other;
  const base = addr(trap_stubs);
  if (addr(trap_stubs_end) - base !== VECTORS * STUB_SIZE) return false;
  for (let v: u32 = 0; v < VECTORS; v++) {
    setGate(v, base + v * STUB_SIZE, v === VECTOR_SYSCALL ? GATE_PRESENT | GATE_INTERRUPT_32 | GATE_DPL3 : GATE_PRESENT | GATE_INTERRUPT_32);
  }
  idtr.limit = u16(sizeOf<GateDescriptor>() * VECTORS - 1);
  idtr.base = addr(table);
  lidt(idtr);
  return true;
}

/** Points vector `vector` at a task gate for TSS selector `tss` (the double fault's own stack). */
export function setTaskGate(vector: u32, tss: u16): void {
  const gate = idt!.gates[vector];
  gate.offsetLow = 0;
  gate.selector = tss;
  gate.zero = 0;
  gate.flags = GATE_PRESENT | 0x05; // 32-bit task gate
  gate.offsetHigh = 0;
}

/** Fills e from a frame the CPU and the stubs saved. */
export function decode(frame: TrapFrame, e: Exception): void {
  e.vector = frame.vector;
  e.errorCode = frame.errorCode;
  e.pc = frame.eip;
  e.faultAddress = frame.vector === VECTOR_PAGE_FAULT ? readCr2() : 0;
  e.fromUser = (frame.cs & 3) !== 0;
  const above = addr(frame) + sizeOf<TrapFrame>();
  if (e.fromUser) {
    const user = ref<UserStack>(above);
    e.esp = user.esp;
    e.ss = user.ss & 0xffff;
  } else {
    // No privilege change: the CPU pushed no stack pointer and kept SS,
    // which in ring 0 is always KERNEL_DATA (gdtInit() loads it); the
    // interrupted code's stack began just above what the CPU pushed.
    e.esp = above;
    e.ss = KERNEL_DATA;
  }
  e.frame = frame;
}

/** An exception frame as the CPU leaves it when ring 3 code faults. */
interface UserTrap {
  frame: Inline<TrapFrame>;
  user: Inline<UserStack>;
}

/**
 * Test hook: delivers exception `vector` as if ring 3 code at `eip` (stack
 * `esp`) had raised it -- the frame the CPU would push, through the same
 * dispatcher -- so that the path that ends a faulting user thread can be
 * tested before there is user code. Interrupts off, as the gate would leave them.
 */
export function simulateUserException(vector: u32, errorCode: u32, eip: u32, esp: u32): void {
  const t: UserTrap = zeroed();
  t.frame.vector = vector;
  t.frame.errorCode = errorCode;
  t.frame.eip = eip;
  t.frame.cs = USER_CODE;
  t.frame.ds = USER_DATA;
  t.frame.es = USER_DATA;
  t.frame.fs = USER_DATA;
  t.frame.gs = USER_DATA;
  t.frame.eflags = 0x202;
  t.user.esp = esp;
  t.user.ss = USER_DATA;
  cli();
  trapDispatch(t.frame);
}

/** Called by traps.S for every vector, with interrupts disabled. */
export function trapDispatch(frame: TrapFrame): void {
  const v = frame.vector;
  if (v < EXCEPTION_VECTORS) {
    // A user's trap flag carried in by sysenter: cleared, and the entry goes on.
    if ((frame.cs & 3) === 0 && sysenterDebugTrap(v, frame.eip, ptr<u32>(addr(frame) + offsetOf<TrapFrame>("eflags")))) return;
    // A fault the kernel expects (a copy from or to user memory): resume at its fixup.
    const fixup = (frame.cs & 3) === 0 ? faultFixup(frame.eip) : 0;
    if (fixup !== 0) {
      frame.eip = fixup;
      return;
    }
    const e: Exception = zeroed();
    decode(frame, e);
    const h = onException;
    if (h !== null) h(e);
    return;
  }
  if (v >= IRQ_BASE && v < IRQ_BASE + IRQ_LINES) {
    const h = onInterrupt;
    if (h !== null) h(v - IRQ_BASE);
    return;
  }
  const h = onOther;
  if (h !== null) h(v, frame);
}
