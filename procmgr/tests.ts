// The process manager's built-in tests (`test=NAME` in its environment, from
// the kernel command line; `test=all` runs every one). Each prints
// `test NAME: ok` or `test NAME: FAIL <reason>`; the process manager powers
// off with status 1 if any failed. Names the process manager does not know
// are the kernel's test modes (docs/kernel.md), which the kernel ran itself.
// tsuki: optimize for size

import { CONSOLE_WRITE_MAX, IPC_MESSAGE_MAX, MAP_PAGES_MAX, MAP_WRITABLE, PROCESS_SELF, SYS_COUNT, Sys, SysError } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print1, print2, print3 } from "../lib/console";
import { ProgramArgs, hasEnv } from "../lib/start";
import { sysConsoleWrite, sysFreeMemory, syscall } from "../lib/sys";
import { benchTest } from "./benchtest";
import { sysenterFlagsTest } from "./flagtest";
import { fuzzTest } from "./fuzz";
import { ipcTest } from "./ipctest";
import { exitTest, ipcSpacesTest } from "./spacetests";
import { memoryTest } from "./memtests";
import { kernelReadTest, kernelWriteTest, nullDerefTest, threadsTest } from "./threadtests";

let failures: u32 = 0;

/** One expectation: a call's result against the error it must give. */
function expectResult(test: CStr, what: CStr, got: i32, want: i32): bool {
  if (got === want) return true;
  print3("test %s: FAIL %s: got %d", fmtStr(test), fmtStr(what), u32(got));
  print1(", want %d\n", u32(want));
  failures++;
  return false;
}

const text: Arr<u8, 4> = zeroed();

/**
 * Every call that takes a pointer, with pointers into the kernel, unmapped
 * ones, ones straddling KLIMIT and 4 GiB, and too large sizes; unknown
 * call numbers. Each must give its documented error, and the kernel must
 * go on.
 */
function syscallArgs(): void {
  const t = "syscall-args";
  let ok = true;
  ok = expectResult(t, "a kernel pointer", sysConsoleWrite(0x00100000, 4), SysError.BadAddress) && ok;
  ok = expectResult(t, "address 0", sysConsoleWrite(0, 1), SysError.BadAddress) && ok;
  ok = expectResult(t, "straddling KLIMIT", sysConsoleWrite(0x07fffffe, 4), SysError.BadAddress) && ok;
  ok = expectResult(t, "an unmapped user page", sysConsoleWrite(0x40000000, 4), SysError.BadAddress) && ok;
  ok = expectResult(t, "wrapping past 4 GiB", sysConsoleWrite(0xfffffff0, 0x20), SysError.BadAddress) && ok;
  ok = expectResult(t, "too large", sysConsoleWrite(addr(text), CONSOLE_WRITE_MAX + 1), SysError.BadSize) && ok;
  ok = expectResult(t, "the largest size, unmapped", sysConsoleWrite(0x40000000, CONSOLE_WRITE_MAX), SysError.BadAddress) && ok;
  ok = expectResult(t, "length 0", sysConsoleWrite(addr(text), 0), 0) && ok;
  ok = expectResult(t, "the first unknown call", syscall(SYS_COUNT, 1, 2, 3, 4), SysError.NoSuchCall) && ok;
  ok = expectResult(t, "call 0xffffffff", syscall(0xffffffff, 0, 0, 0, 0), SysError.NoSuchCall) && ok;
  ok = descriptorArgs(t) && ok;
  ok = memoryArgs(t) && ok;
  if (ok) print1("test %s: ok\n", fmtStr(t));
}

const message: Arr<u32, 5> = zeroed();
const info: Arr<u32, 3> = zeroed();

/** Descriptors out of range, free, closed or of the wrong kind; IPC pointers and sizes; replies owed to no one. */
function descriptorArgs(t: CStr): bool {
  let ok = true;
  const e = syscall(Sys.EndpointCreate, 0, 0, 0, 0);
  ok = expectResult(t, "an endpoint", e < 0 ? e : 0, 0) && ok;
  message[2] = 4; // size
  message[1] = addr(text);
  message[3] = addr(text);
  message[4] = 4;
  ok = expectResult(t, "Send on descriptor 256", syscall(Sys.Send, 256, addr(message), 0, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "Send on a free descriptor", syscall(Sys.Send, 200, addr(message), 0, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "Send with a kernel message pointer", syscall(Sys.Send, u32(e), 0x00100000, 0, 0), SysError.BadAddress) && ok;
  message[2] = IPC_MESSAGE_MAX + 1;
  ok = expectResult(t, "Send of 2049 bytes", syscall(Sys.Send, u32(e), addr(message), 0, 0), SysError.BadSize) && ok;
  message[2] = 4;
  message[1] = 0x00100000;
  ok = expectResult(t, "Send of kernel data", syscall(Sys.Send, u32(e), addr(message), 0, 0), SysError.BadAddress) && ok;
  ok = expectResult(t, "Receive into the kernel", syscall(Sys.Receive, u32(e), 0x00100000, 16, addr(info)), SysError.BadAddress) && ok;
  ok = expectResult(t, "Receive with a kernel info pointer", syscall(Sys.Receive, u32(e), addr(text), 4, 0x00100000), SysError.BadAddress) && ok;
  ok = expectResult(t, "Reply owed to no one", syscall(Sys.Reply, addr(text), 4, 0, 0), SysError.BadArgument) && ok;
  ok = expectResult(t, "ReplyError owed to no one", syscall(Sys.ReplyError, u32(-5), 0, 0, 0), SysError.BadArgument) && ok;
  ok = expectResult(t, "Dup of a free descriptor", syscall(Sys.Dup, 200, 1, 0, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "ThreadJoin of an endpoint", syscall(Sys.ThreadJoin, u32(e), 0, 0, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "ThreadJoin of descriptor 0xffffffff", syscall(Sys.ThreadJoin, 0xffffffff, 0, 0, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "ThreadCreate at a kernel address", syscall(Sys.ThreadCreate, 0x00101000, 0x20000000, PROCESS_SELF, 0), SysError.BadAddress) && ok;
  ok = expectResult(t, "ThreadCreate with a kernel stack", syscall(Sys.ThreadCreate, 0x08048080, 0x00200000, PROCESS_SELF, 0), SysError.BadAddress) && ok;
  ok = expectResult(t, "ThreadCreate with a misaligned stack", syscall(Sys.ThreadCreate, 0x08048080, 0x20000002, PROCESS_SELF, 0), SysError.BadAddress) && ok;
  message[1] = addr(text);
  ok = expectResult(t, "Close", syscall(Sys.Close, u32(e), 0, 0, 0), 0) && ok;
  ok = expectResult(t, "Close twice", syscall(Sys.Close, u32(e), 0, 0, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "Send on a closed descriptor", syscall(Sys.Send, u32(e), addr(message), 0, 0), SysError.BadDescriptor) && ok;
  return ok;
}

/** Map and Unmap with kernel, misaligned, wrapping and empty ranges, bad flags and mapped pages. */
function memoryArgs(t: CStr): bool {
  let ok = true;
  ok = expectResult(t, "Map at a kernel address", syscall(Sys.Map, 0x00400000, 1, MAP_WRITABLE, PROCESS_SELF), SysError.BadAddress) && ok;
  ok = expectResult(t, "Map misaligned", syscall(Sys.Map, 0x30000010, 1, MAP_WRITABLE, PROCESS_SELF), SysError.BadAddress) && ok;
  ok = expectResult(t, "Map straddling KLIMIT", syscall(Sys.Map, 0x07fff000, 2, MAP_WRITABLE, PROCESS_SELF), SysError.BadAddress) && ok;
  ok = expectResult(t, "Map past 4 GiB", syscall(Sys.Map, 0xfffff000, 2, MAP_WRITABLE, PROCESS_SELF), SysError.BadAddress) && ok;
  ok = expectResult(t, "Map of 0 pages", syscall(Sys.Map, 0x30000000, 0, MAP_WRITABLE, PROCESS_SELF), SysError.BadSize) && ok;
  ok = expectResult(t, "Map of too many pages", syscall(Sys.Map, 0x30000000, MAP_PAGES_MAX + 1, MAP_WRITABLE, PROCESS_SELF), SysError.BadSize) && ok;
  ok = expectResult(t, "Map with unknown flags", syscall(Sys.Map, 0x30000000, 1, 6, PROCESS_SELF), SysError.BadArgument) && ok;
  ok = expectResult(t, "Map over the program's text", syscall(Sys.Map, 0x08048000, 1, 0, PROCESS_SELF), SysError.AlreadyMapped) && ok;
  const free = u32(sysFreeMemory());
  if (free < MAP_PAGES_MAX) ok = expectResult(t, "Map of one page more than is free", syscall(Sys.Map, 0x30000000, free + 1, 0, PROCESS_SELF), SysError.NoMemory) && ok;
  ok = expectResult(t, "Unmap at a kernel address", syscall(Sys.Unmap, 0x00100000, 1, PROCESS_SELF, 0), SysError.BadAddress) && ok;
  ok = expectResult(t, "Map in a process that is not there", syscall(Sys.Map, 0x30000000, 1, 0, 77), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "Write to itself", syscall(Sys.Write, PROCESS_SELF, 0x30000000, addr(text), 4), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "Write to a process that is not there", syscall(Sys.Write, 77, 0x30000000, addr(text), 4), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "Give to a process that is not there", syscall(Sys.Give, 77, 0, 0, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "ThreadCreate in a process that is not there", syscall(Sys.ThreadCreate, 0x08048080, 0x20000000, 77, 0), SysError.BadDescriptor) && ok;
  ok = expectResult(t, "Unmap of nothing mapped", syscall(Sys.Unmap, 0x30000000, 4, PROCESS_SELF, 0), 0) && ok;
  return ok;
}

/** Runs the tests the environment names; returns the number that failed. */
export function runTests(a: ProgramArgs): u32 {
  const all = hasEnv(a, "test=all");
  if (all || hasEnv(a, "test=syscall-args")) syscallArgs();
  if ((all || hasEnv(a, "test=threads")) && !threadsTest()) failures++;
  if ((all || hasEnv(a, "test=nullderef")) && !nullDerefTest()) failures++;
  if ((all || hasEnv(a, "test=kernel-read")) && !kernelReadTest()) failures++;
  if ((all || hasEnv(a, "test=kernel-write")) && !kernelWriteTest()) failures++;
  if ((all || hasEnv(a, "test=memory")) && !memoryTest()) failures++;
  if ((all || hasEnv(a, "test=ipc")) && !ipcTest()) failures++;
  if ((all || hasEnv(a, "test=ipc-spaces")) && !ipcSpacesTest()) failures++;
  if ((all || hasEnv(a, "test=exit")) && !exitTest()) failures++;
  if ((all || hasEnv(a, "test=syscall-fuzz")) && !fuzzTest(a)) failures++;
  if ((all || hasEnv(a, "test=sysenter-flags")) && !sysenterFlagsTest()) failures++;
  // Not in test=all: measurements for `npm run bench`, not checks.
  if (hasEnv(a, "test=bench") && !benchTest()) failures++;
  if (failures !== 0) print2("procmgr: %u check%s failed\n", failures, fmtStr(failures === 1 ? "" : "s"));
  return failures;
}
