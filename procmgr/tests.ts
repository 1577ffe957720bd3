// The process manager's built-in tests (`test=NAME` in its environment, from
// the kernel command line; `test=all` runs every one). Each prints
// `test NAME: ok` or `test NAME: FAIL <reason>`; the process manager powers
// off with status 1 if any failed. Names the process manager does not know
// are the kernel's test modes (docs/kernel.md), which the kernel ran itself.

import { CONSOLE_WRITE_MAX, SYS_COUNT, SysError } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print1, print2, print3 } from "../lib/console";
import { ProgramArgs, hasEnv } from "../lib/start";
import { sysConsoleWrite, syscall } from "../lib/sys";
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
  if (ok) print1("test %s: ok\n", fmtStr(t));
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
  if (failures !== 0) print2("procmgr: %u check%s failed\n", failures, fmtStr(failures === 1 ? "" : "s"));
  return failures;
}
