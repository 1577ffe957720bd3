// What the kernel does about CPU exceptions. A fault in kernel code is a bug
// (or a test provoking one): a PANIC report with everything the CPU and the
// stubs saved, the decoded error code and a stack trace, then power-off. A
// fault in user code ends the faulting thread (the user-space issue connects
// it to threads; faultInit() takes the handler).

import { newline, putDec, putField, putStr } from "./console";
import { backtrace } from "./i686/backtrace";
import { Exception, TrapFrame } from "./i686/trap";
import { VECTOR_PAGE_FAULT } from "./i686/vectors";
import { interruptedTask } from "./i686/tss";
import { panicBegin, panicEnd } from "./panic";

const EXCEPTION_NAMES: readonly CStr[] = [
  "divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow", "bound range exceeded",
  "invalid opcode", "device not available", "double fault", "coprocessor segment overrun", "invalid TSS",
  "segment not present", "stack fault", "general protection fault", "page fault", "reserved exception 15",
  "x87 floating-point error", "alignment check", "machine check", "SIMD floating-point exception",
  "virtualization exception", "control protection exception", "reserved exception 22", "reserved exception 23",
  "reserved exception 24", "reserved exception 25", "reserved exception 26", "reserved exception 27",
  "hypervisor injection exception", "VMM communication exception", "security exception", "reserved exception 31",
];

// Page fault error code bits (Intel SDM 4.7).
const PF_PRESENT: u32 = 1; //  0: page not present, 1: protection violation
const PF_WRITE: u32 = 2;
const PF_USER: u32 = 4;
const PF_RESERVED: u32 = 8;
const PF_FETCH: u32 = 16;

// Vectors whose error code is a segment selector (Intel SDM 6.13).
const VECTOR_INVALID_TSS: u32 = 10;

const VECTOR_GENERAL_PROTECTION: u32 = 13;

const TRACE_DEPTH: u32 = 12;

export type UserFaultHandler = (e: Exception) => void;

/** The stack the kernel runs on, which a stack trace may read. */
let stackLow: u32 = 0;
let stackHigh: u32 = 0;
let userFault: UserFaultHandler | null = null;

/** Where stack traces may read, and who handles faults from user code. */
export function faultInit(low: u32, high: u32, user: UserFaultHandler | null): void {
  stackLow = low;
  stackHigh = high;
  userFault = user;
}

/** The running thread's kernel stack changed: traces read it from now on. */
export function faultStack(low: u32, high: u32): void {
  stackLow = low;
  stackHigh = high;
}

function describePageFault(errorCode: u32): void {
  putStr((errorCode & PF_USER) !== 0 ? " (user " : " (supervisor ");
  if ((errorCode & PF_FETCH) !== 0) putStr("instruction fetch");
  else putStr((errorCode & PF_WRITE) !== 0 ? "write" : "read");
  putStr((errorCode & PF_PRESENT) !== 0 ? ", protection violation" : ", page not present");
  if ((errorCode & PF_RESERVED) !== 0) putStr(", reserved bit set");
  putStr(")");
}

/** A selector error code: table, index, and whether an external event caused it. */
function describeSelector(errorCode: u32): void {
  putField(" (selector ", errorCode & 0xfff8);
  putStr((errorCode & 2) !== 0 ? ", IDT" : (errorCode & 4) !== 0 ? ", LDT" : ", GDT");
  putStr(" index ");
  putDec((errorCode >>> 3) & 0x1fff);
  if ((errorCode & 1) !== 0) putStr(", external");
  putStr(")");
}

/** The general registers, one line: the trap frame's and the double fault's saved TSS alike. */
function generalRegisters(eax: u32, ebx: u32, ecx: u32, edx: u32, esi: u32, edi: u32, ebp: u32, esp: u32): void {
  putField("  eax=", eax);
  putField(" ebx=", ebx);
  putField(" ecx=", ecx);
  putField(" edx=", edx);
  putField(" esi=", esi);
  putField(" edi=", edi);
  putField(" ebp=", ebp);
  putField(" esp=", esp);
  newline();
}

function registers(e: Exception, f: TrapFrame): void {
  generalRegisters(f.eax, f.ebx, f.ecx, f.edx, f.esi, f.edi, f.ebp, e.esp);
  putField("  cs=", f.cs & 0xffff);
  putField(" ds=", f.ds & 0xffff);
  putField(" es=", f.es & 0xffff);
  putField(" fs=", f.fs & 0xffff);
  putField(" gs=", f.gs & 0xffff);
  putField(" ss=", e.ss);
  putField(" eflags=", f.eflags);
  putField(" cr2=", readCr2());
  newline();
}

function trace(f: TrapFrame): void {
  const frames: Arr<u32, 12> = zeroed();
  const n = backtrace(f.ebp, stackLow, stackHigh, ptr<u32>(addr(frames)), TRACE_DEPTH);
  putStr("  trace:");
  putField(" ", f.eip);
  for (let i: u32 = 0; i < n; i++) putField(" ", frames[i]);
  newline();
}

/** The first line of the report: what happened, decoded. */
function headline(e: Exception): void {
  putStr(EXCEPTION_NAMES[e.vector & 31]);
  if (e.vector === VECTOR_PAGE_FAULT) {
    putField(" at address ", e.faultAddress);
    putField(", error code ", e.errorCode);
    describePageFault(e.errorCode);
  } else {
    putField(", error code ", e.errorCode);
    if (e.vector >= VECTOR_INVALID_TSS && e.vector <= VECTOR_GENERAL_PROTECTION && e.errorCode !== 0) describeSelector(e.errorCode);
  }
  putStr(", vector ");
  putDec(e.vector);
  putField(", eip ", e.pc);
}

export function onException(e: Exception): void {
  const h = userFault;
  if (e.fromUser && h !== null) {
    h(e);
    return;
  }
  panicBegin();
  headline(e);
  newline();
  registers(e, e.frame);
  trace(e.frame);
  panicEnd();
}

/**
 * The double-fault task's entry (tss.ts), on a stack of its own: what was
 * interrupted is in the kernel's TSS, where the task switch saved it. A
 * kernel stack that overflowed into its guard page ends here, since the CPU
 * could not push the page fault's frame.
 */
export function onDoubleFault(): void {
  const t = interruptedTask();
  panicBegin();
  // A double fault is an abort: the saved eip may not be exact (SDM 6.15).
  putField("double fault, eip ", t.eip);
  putField(", esp ", t.esp);
  putStr(" (a kernel stack overflow, or a fault while the CPU delivered another)");
  newline();
  generalRegisters(t.eax, t.ebx, t.ecx, t.edx, t.esi, t.edi, t.ebp, t.esp);
  putField("  cs=", t.cs & 0xffff);
  putField(" ss=", t.ss & 0xffff);
  putField(" eflags=", t.eflags);
  putField(" cr2=", readCr2());
  panicEnd();
}

/** A vector that is neither an exception nor a PIC line the kernel uses. */
export function onUnexpectedVector(vector: u32, frame: TrapFrame): void {
  panicBegin();
  putStr("unexpected interrupt vector ");
  putDec(vector);
  putField(", eip ", frame.eip);
  putField(", cs ", frame.cs & 0xffff);
  panicEnd();
}


