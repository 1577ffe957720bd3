// The user library's system calls (docs/syscalls.md): one typed function per
// call over the two entry stubs of lib/syscall.S. Which stub is used is
// decided once, from the auxiliary vector (lib/start.ts calls sysUseSysenter).

import { Sys } from "../kernel/abi";

declare function sys_int80(n: u32, a: u32, b: u32, c: u32, d: u32): i32;
declare function sys_sysenter(n: u32, a: u32, b: u32, c: u32, d: u32): i32;
/** Where the stubs keep the call's second result (ebx). */
declare const sys_second: u8;

let sysenter = false;

/** Makes every call go through sysenter (true) or int 0x80 (false). */
export function sysUseSysenter(on: bool): void {
  sysenter = on;
}

export function sysUsesSysenter(): bool {
  return sysenter;
}

/** A raw system call: the result (negative: an error from SysError). */
export function syscall(n: u32, a: u32, b: u32, c: u32, d: u32): i32 {
  return sysenter ? sys_sysenter(n, a, b, c, d) : sys_int80(n, a, b, c, d);
}

/** The second result of the last call that has one. */
export function sysSecond(): u32 {
  return volatileLoad32(addr(sys_second));
}

/** Writes `length` bytes at `address` on the console; the bytes written, or an error. */
export function sysConsoleWrite(address: usize, length: u32): i32 {
  return syscall(Sys.ConsoleWrite, address, length, 0, 0);
}

/** Ends the calling thread (and its process, when it is the last). */
export function sysThreadExit(status: u32): void {
  syscall(Sys.ThreadExit, status, 0, 0, 0);
}

export function sysYield(): void {
  syscall(Sys.Yield, 0, 0, 0, 0);
}

/** Powers the machine off reporting `status` (0: success); an error if the caller lacks the right. */
export function sysPowerOff(status: u32): i32 {
  return syscall(Sys.PowerOff, status, 0, 0, 0);
}

/** Free physical pages, or an error. */
export function sysFreeMemory(): i32 {
  return syscall(Sys.FreeMemory, 0, 0, 0, 0);
}

/** Maps `pages` zeroed pages at `va` (MAP_WRITABLE: writable): the pages mapped, or an error. */
export function sysMap(va: u32, pages: u32, flags: u32): i32 {
  return syscall(Sys.Map, va, pages, flags, 0);
}

/** Unmaps `pages` pages at `va`: how many were mapped, or an error. */
export function sysUnmap(va: u32, pages: u32): i32 {
  return syscall(Sys.Unmap, va, pages, 0, 0);
}

export function sysNull(): i32 {
  return syscall(Sys.Null, 0, 0, 0, 0);
}
