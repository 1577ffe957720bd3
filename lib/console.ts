// Formatted console output for user programs: the kernel's formatter
// (kernel/format.ts, the one formatter of the system) into a line buffer that
// goes to the kernel with one ConsoleWrite per line (or per full buffer).

import { format } from "../kernel/format";
import { sysConsoleWrite } from "./sys";

const LINE: u32 = 256;
const line: Arr<u8, 256> = zeroed();
let used: u32 = 0;
const args: Arr<u32, 8> = zeroed();

export function flush(): void {
  const n = used < LINE ? used : LINE;
  if (n === 0) return;
  used = 0;
  sysConsoleWrite(addr(line), n);
}

/**
 * One byte into the line. Threads share the line: output from several may
 * interleave, but `used` is checked before every store, so a thread
 * preempted inside flush() cannot make another write past the buffer.
 */
function putByte(b: u8): void {
  if (used >= LINE) flush();
  const at = used;
  used = at + 1;
  if (at < LINE) line[at] = b;
  if (b === 0x0a || used >= LINE) flush();
}

/** The formatter's sink: each byte into the line. */
function put(address: usize, length: u32): void {
  const p = ptr<u8>(address);
  for (let i: u32 = 0; i < length; i++) putByte(p[i]);
}

export function print(fmt: CStr): void {
  format(put, fmt, args, 0);
}

export function print1(fmt: CStr, a: u32): void {
  args[0] = a;
  format(put, fmt, args, 1);
}

export function print2(fmt: CStr, a: u32, b: u32): void {
  args[0] = a;
  args[1] = b;
  format(put, fmt, args, 2);
}

export function print3(fmt: CStr, a: u32, b: u32, c: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  format(put, fmt, args, 3);
}

export function print4(fmt: CStr, a: u32, b: u32, c: u32, d: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  args[3] = d;
  format(put, fmt, args, 4);
}
