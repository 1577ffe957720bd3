// The user library's system calls (docs/syscalls.md): one typed function per
// call over the two entry stubs of lib/syscall.S. Which stub is used is
// decided once, from the auxiliary vector (lib/start.ts calls sysUseSysenter).

import { PROCESS_SELF, Sys } from "../kernel/abi";

declare function sys_int80(n: u32, a: u32, b: u32, c: u32, d: u32, second: usize): i32;
declare function sys_sysenter(n: u32, a: u32, b: u32, c: u32, d: u32, second: usize): i32;

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
  return sysenter ? sys_sysenter(n, a, b, c, d, 0) : sys_int80(n, a, b, c, d, 0);
}

/** A raw system call with a second result (ebx), stored in second[0]. */
export function syscall2(n: u32, a: u32, b: u32, c: u32, d: u32, second: Arr<u32, 1>): i32 {
  return sysenter ? sys_sysenter(n, a, b, c, d, addr(second)) : sys_int80(n, a, b, c, d, addr(second));
}

/** Writes `length` bytes at `address` on the console; the bytes written, or an error. */
export function sysConsoleWrite(address: usize, length: u32): i32 {
  return syscall(Sys.ConsoleWrite, address, length, 0, 0);
}

/** Ends the calling thread (its process has ended when this was its last: its creator then closes it). */
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
  return syscall(Sys.Map, va, pages, flags, PROCESS_SELF);
}

/** Maps pages in process `process` (a descriptor from processCreate). */
export function sysMapIn(process: u32, va: u32, pages: u32, flags: u32): i32 {
  return syscall(Sys.Map, va, pages, flags, process);
}

/** Unmaps `pages` pages at `va`: how many were mapped, or an error. */
export function sysUnmap(va: u32, pages: u32): i32 {
  return syscall(Sys.Unmap, va, pages, PROCESS_SELF, 0);
}

/** A new empty process (no rights): its descriptor, or an error. */
export function sysProcessCreate(): i32 {
  return syscall(Sys.ProcessCreate, 0, 0, 0, 0);
}

/** Copies `size` bytes at `buffer` into process `process` at `va` (mapped pages). */
export function sysWrite(process: u32, va: u32, buffer: usize, size: u32): i32 {
  return syscall(Sys.Write, process, va, buffer, size);
}

/** Gives process `process` a descriptor for endpoint `endpoint` with `cookie`: its number there. */
export function sysGive(process: u32, endpoint: u32, cookie: u32): i32 {
  return syscall(Sys.Give, process, endpoint, cookie, 0);
}

export function sysNull(): i32 {
  return syscall(Sys.Null, 0, 0, 0, 0);
}
