// What the kernel does about CPU exceptions. There is no user space yet, so
// every exception is a kernel bug (or a test provoking one): panic with what
// the CPU reported. A page fault names the faulting address (CR2) and spells
// out its error code.

import { putField, putStr } from "./console";
import { Exception, VECTOR_PAGE_FAULT } from "./i686/trap";
import { panicBegin, panicEnd } from "./panic";

const EXCEPTION_NAMES: readonly CStr[] = [
  "divide error",
  "debug",
  "non-maskable interrupt",
  "breakpoint",
  "overflow",
  "bound range exceeded",
  "invalid opcode",
  "device not available",
  "double fault",
  "coprocessor segment overrun",
  "invalid TSS",
  "segment not present",
  "stack fault",
  "general protection fault",
  "page fault",
  "reserved exception 15",
  "x87 floating-point error",
  "alignment check",
  "machine check",
  "SIMD floating-point exception",
  "virtualization exception",
  "control protection exception",
  "reserved exception 22",
  "reserved exception 23",
  "reserved exception 24",
  "reserved exception 25",
  "reserved exception 26",
  "reserved exception 27",
  "hypervisor injection exception",
  "VMM communication exception",
  "security exception",
  "reserved exception 31",
];

// Page fault error code bits (Intel SDM 4.7).
const PF_PRESENT: u32 = 1; //  0: page not present, 1: protection violation
const PF_WRITE: u32 = 2;
const PF_USER: u32 = 4;
const PF_FETCH: u32 = 16;

function describePageFault(errorCode: u32): void {
  putStr((errorCode & PF_USER) !== 0 ? " (user " : " (supervisor ");
  if ((errorCode & PF_FETCH) !== 0) putStr("instruction fetch");
  else putStr((errorCode & PF_WRITE) !== 0 ? "write" : "read");
  putStr((errorCode & PF_PRESENT) !== 0 ? ", protection violation)" : ", page not present)");
}

export function onException(e: Exception): void {
  panicBegin();
  putStr(EXCEPTION_NAMES[e.vector & 31]);
  if (e.vector === VECTOR_PAGE_FAULT) {
    putField(" at address ", e.faultAddress);
    putField(", error code ", e.errorCode);
    describePageFault(e.errorCode);
  } else {
    putField(", error code ", e.errorCode);
  }
  putField(", eip ", e.pc);
  panicEnd();
}
