// What the kernel does about CPU exceptions. A fault in kernel code is a bug
// (or a test provoking one): a PANIC report with everything the CPU and the
// stubs saved, the decoded error code and a stack trace, then power-off. A
// fault in user code ends the faulting thread (the user-space issue connects
// it to threads; faultInit() takes the handler).
// tsuki: optimize for size

import { fmtStr } from "./format";
import { backtrace } from "./i686/backtrace";
import { Exception, TrapFrame } from "./i686/trap";
import { VECTOR_PAGE_FAULT } from "./i686/vectors";
import { interruptedTask } from "./i686/tss";
import { LogLevel, log, log1, log2, log3, log4, log8 } from "./log";
import { panic3, panicBegin, panicEnd } from "./panic";
import { CopyResult, copyFromUser } from "./usercopy";

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
const GUARD_PAGE: u32 = 0x1000;

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

// Every part of a report is printed at LogLevel.Error, like the PANIC: line
// that starts it, so no loglevel= hides a piece of it.

function describePageFault(level: LogLevel, errorCode: u32): void {
  log4(
    level,
    " (%s%s%s%s)",
    fmtStr((errorCode & PF_USER) !== 0 ? "user " : "supervisor "),
    fmtStr((errorCode & PF_FETCH) !== 0 ? "instruction fetch" : (errorCode & PF_WRITE) !== 0 ? "write" : "read"),
    fmtStr((errorCode & PF_PRESENT) !== 0 ? ", protection violation" : ", page not present"),
    fmtStr((errorCode & PF_RESERVED) !== 0 ? ", reserved bit set" : ""),
  );
}

/** A selector error code: table, index, and whether an external event caused it. */
function describeSelector(level: LogLevel, errorCode: u32): void {
  log4(
    level,
    " (selector 0x%08x, %s index %u%s)",
    errorCode & 0xfff8,
    fmtStr((errorCode & 2) !== 0 ? "IDT" : (errorCode & 4) !== 0 ? "LDT" : "GDT"),
    (errorCode >>> 3) & 0x1fff,
    fmtStr((errorCode & 1) !== 0 ? ", external" : ""),
  );
}

/** The general registers, one line: the trap frame's and the double fault's saved TSS alike. */
function generalRegisters(level: LogLevel, eax: u32, ebx: u32, ecx: u32, edx: u32, esi: u32, edi: u32, ebp: u32, esp: u32): void {
  log8(
    level,
    "  eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n",
    eax, ebx, ecx, edx, esi, edi, ebp, esp,
  );
}

function registers(level: LogLevel, e: Exception, f: TrapFrame): void {
  generalRegisters(level, f.eax, f.ebx, f.ecx, f.edx, f.esi, f.edi, f.ebp, e.esp);
  log8(
    level,
    "  cs=0x%08x ds=0x%08x es=0x%08x fs=0x%08x gs=0x%08x ss=0x%08x eflags=0x%08x cr2=0x%08x\n",
    f.cs & 0xffff, f.ds & 0xffff, f.es & 0xffff, f.fs & 0xffff, f.gs & 0xffff, e.ss, f.eflags, readCr2(),
  );
}

/** `  trace: EIP RET...`: one call per address, since their number varies. */
function trace(f: TrapFrame): void {
  const frames: Arr<u32, 12> = zeroed();
  const n = backtrace(f.ebp, stackLow, stackHigh, ptr<u32>(addr(frames)), TRACE_DEPTH);
  log1(LogLevel.Error, "  trace: 0x%08x", f.eip);
  for (let i: u32 = 0; i < n; i++) log1(LogLevel.Error, " 0x%08x", frames[i]);
  log(LogLevel.Error, "\n");
}

/** The first line of the report: what happened, decoded. */
function headline(level: LogLevel, e: Exception): void {
  const name = fmtStr(EXCEPTION_NAMES[e.vector & 31]);
  if (e.vector === VECTOR_PAGE_FAULT) {
    log3(level, "%s at address 0x%08x, error code 0x%08x", name, e.faultAddress, e.errorCode);
    describePageFault(level, e.errorCode);
  } else {
    log2(level, "%s, error code 0x%08x", name, e.errorCode);
    if (e.vector >= VECTOR_INVALID_TSS && e.vector <= VECTOR_GENERAL_PROTECTION && e.errorCode !== 0) describeSelector(level, e.errorCode);
  }
  log2(level, ", vector %u, eip 0x%08x\n", e.vector, e.pc);
}

/**
 * `  trace:` for ring-3 code: the saved frame pointers in user memory, read
 * through the fault-recovering copy (a bad pointer ends the walk, it cannot
 * fault the kernel), each frame above the one before.
 */
function userTrace(level: LogLevel, f: TrapFrame): void {
  const w: Arr<u32, 2> = zeroed();
  log1(level, "  trace: 0x%08x", f.eip);
  let fp = f.ebp;
  for (let i: u32 = 0; i < TRACE_DEPTH && fp !== 0; i++) {
    if (copyFromUser(addr(w), fp, 8) !== CopyResult.Ok || w[1] === 0) break;
    log1(level, " 0x%08x", w[1]);
    if (w[0] <= fp) break;
    fp = w[0];
  }
  log(level, "\n");
}

/**
 * The report of an exception, from its decoded first line: registers and a
 * stack trace (the kernel's, or the user's for ring-3 code). Kernel panics
 * print it at Error; a user fault, which the kernel survives, at Warn.
 */
export function faultReport(level: LogLevel, e: Exception): void {
  headline(level, e);
  registers(level, e, e.frame);
  if (e.fromUser) userTrace(level, e.frame);
  else trace(e.frame);
}

export function onException(e: Exception): void {
  const h = userFault;
  if (e.fromUser && h !== null) {
    h(e);
    return;
  }
  panicBegin();
  faultReport(LogLevel.Error, e);
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
  log2(LogLevel.Error, "double fault, eip 0x%08x, esp 0x%08x (a kernel stack overflow, or a fault while the CPU delivered another)\n", t.eip, t.esp);
  generalRegisters(LogLevel.Error, t.eax, t.ebx, t.ecx, t.edx, t.esi, t.edi, t.ebp, t.esp);
  // The last line's newline is panicEnd()'s.
  const cr2 = readCr2();
  log4(LogLevel.Error, "  cs=0x%08x ss=0x%08x eflags=0x%08x cr2=0x%08x", t.cs & 0xffff, t.ss & 0xffff, t.eflags, cr2);
  // Thread stacks have an unmapped guard page just below them (mm/kpages.ts).
  if (stackLow >= GUARD_PAGE && cr2 < stackLow && cr2 >= stackLow - GUARD_PAGE) {
    log3(LogLevel.Error, "\n  the running kernel stack [0x%08x, 0x%08x) overflowed into its guard page at 0x%08x", stackLow, stackHigh, stackLow - GUARD_PAGE);
  }
  panicEnd();
}

/** A vector that is neither an exception nor a PIC line the kernel uses. */
export function onUnexpectedVector(vector: u32, frame: TrapFrame): void {
  panic3("unexpected interrupt vector %u, eip 0x%08x, cs 0x%08x", vector, frame.eip, frame.cs & 0xffff);
}


