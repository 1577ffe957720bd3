// The machine side of user mode (the code is kernel/i686/user.S): entering
// ring 3 for the first time, the sysenter entry's MSRs, and copies between
// user and kernel memory that turn a page fault into an error. Which user
// addresses a system call may name is the kernel's rule (kernel/usercopy.ts);
// this file only moves the bytes and recovers.

import { CpuInfo, hasSysenter } from "./cpufeatures";
import { KERNEL_CODE } from "./gdt";
import { tssSetKernelStack } from "./tss";

// SYSENTER MSRs (Intel SDM vol. 3, 5.8.7).
const MSR_SYSENTER_CS: u32 = 0x174;
const MSR_SYSENTER_ESP: u32 = 0x175;
const MSR_SYSENTER_EIP: u32 = 0x176;

declare function user_enter(eip: u32, esp: u32): void;
declare function user_copy(dst: usize, src: usize, n: u32): u32;
declare const sysenter_entry: u8;
declare const sysenter_esp0: u8;
declare const user_copy_access: u8;
declare const user_copy_access_end: u8;
declare const user_copy_fault: u8;

let sysenterOn = false;

/** Runs the calling thread in ring 3 at `eip` on stack `esp`; never returns. */
export function userEnter(eip: u32, esp: u32): void {
  user_enter(eip, esp);
}

/**
 * Makes `sysenter` enter the kernel, if this CPU really has it: CS and the
 * entry point, and as the stack pointer the address of sysenter_esp0, which
 * the entry loads its stack from (so the MSR never changes when threads
 * switch: userSetKernelStack does). Returns whether sysenter is on.
 */
export function sysenterInit(c: CpuInfo): bool {
  if (!hasSysenter(c)) return false;
  wrmsr(MSR_SYSENTER_CS, u64(KERNEL_CODE));
  wrmsr(MSR_SYSENTER_ESP, u64(addr(sysenter_esp0)));
  wrmsr(MSR_SYSENTER_EIP, u64(addr(sysenter_entry)));
  sysenterOn = true;
  return true;
}

/** The kernel stack ring 3 enters on, for both entries: the TSS's esp0 and sysenter's word. */
export function userSetKernelStack(esp0: u32): void {
  tssSetKernelStack(esp0);
  volatileStore32(addr(sysenter_esp0), esp0);
}

export function sysenterEnabled(): bool {
  return sysenterOn;
}

/**
 * Copies n bytes from src to dst where one side is user memory the caller
 * has checked lies in [KLIMIT, 4 GiB). False if a page was not mapped (or,
 * for a copy to user memory, not writable): what was copied before the
 * fault stays, nothing else happens.
 */
export function copyUser(dst: usize, src: usize, n: u32): bool {
  return user_copy(dst, src, n) === 0;
}

/** Debug exceptions and the trap flag (Intel SDM 17.3). */
const VECTOR_DEBUG: u32 = 1;
const EFLAGS_TF: u32 = 0x100;

/**
 * A debug trap on sysenter_entry's first instruction (a user that set TF
 * before sysenter): true, with TF cleared in the saved flags so the entry
 * runs on; the trap cost the user nothing but its trap flag.
 */
export function sysenterDebugTrap(vector: u32, eip: u32, eflags: Ptr<u32>): bool {
  if (vector !== VECTOR_DEBUG || eip !== addr(sysenter_entry)) return false;
  eflags[0] = eflags[0] & ~EFLAGS_TF;
  return true;
}

/**
 * The exception table: if a kernel-mode fault at `eip` is one the kernel
 * expects (a user copy's access), where to resume; else 0.
 */
export function faultFixup(eip: u32): u32 {
  if (eip >= addr(user_copy_access) && eip < addr(user_copy_access_end)) return addr(user_copy_fault);
  return 0;
}
