// The kernel's one way to print: levelled lines through the one formatter
// (kernel/format.ts) to the console device (COM1 mirrored on the VGA text
// screen, kernel/i686/console.ts). A call's text is formatted into a line
// buffer and written out before the call returns: a line printed before a
// crash is on the wire.
//
//   log(LogLevel.Info, "paging: on\n");
//   log2(LogLevel.Info, "frames: free: %u pages in %u zones\n", free, zones);
//   log2(LogLevel.Info, "e820: ends at 0x%016lx\n", lo64(end), hi64(end));
//
// logN takes N values; the newline is the caller's, so a line may be built by
// several calls (a stack trace's addresses). A message is printed when its
// level is at most the current one: `loglevel=error|warn|info|debug` on the
// command line (default info) sets it, once the kernel has read boot_info.
// Panic reports are always printed (LogLevel.Error cannot be switched off).
// Lines carry no level prefix: the subsystem names its line ("frames: ..."),
// and warnings say "warning:", so logs read the same at every level.

import { consoleDeviceDropped, consoleDeviceInit, consoleDeviceWrite } from "./i686/console";
import { hasOption, hasOptionPrefix } from "./cmdline";
import { FORMAT_ARGS, format } from "./format";
import { BootCost, bootCostBegin, bootCostEnd } from "./bootcost";

export const enum LogLevel {
  Error = 0,
  Warn = 1,
  Info = 2,
  Debug = 3,
}

const LEVEL_OPTIONS: readonly CStr[] = ["loglevel=error", "loglevel=warn", "loglevel=info", "loglevel=debug"];

let current: LogLevel = LogLevel.Info;
let badFormats: u32 = 0;
const args: Arr<u32, 8> = zeroed();

/** What a call has formatted and not yet written (0 <= pending <= LINE_BYTES). */
const LINE_BYTES: u32 = 256;
const line: Arr<u8, 256> = zeroed();
let pending: u32 = 0;

function flush(): void {
  consoleDeviceWrite(addr(line), pending);
  pending = 0;
}

/** The formatter's sink: fills the line buffer, writing it out whenever it is full. */
function put(address: usize, length: u32): void {
  let from = address;
  let left = length;
  while (left !== 0) {
    if (pending === LINE_BYTES) flush();
    const room = LINE_BYTES - pending;
    const n = left < room ? left : room;
    memcpy(addr(line) + pending, from, n);
    pending += n;
    from += n;
    left -= n;
  }
}

export function logInit(): void {
  consoleDeviceInit();
}

export function logLevel(): LogLevel {
  return current;
}

export function logSetLevel(level: LogLevel): void {
  current = level;
}

/** Whether a message at `level` would be printed (to skip work that only feeds it). */
export function logEnabled(level: LogLevel): bool {
  return level <= current;
}

/**
 * Sets the level from `loglevel=` on the NUL-terminated command line at
 * `cmdline`. A value it does not know leaves the level as it is and says so.
 */
export function logLevelFromCmdline(cmdline: usize): void {
  for (let l: u32 = 0; l < 4; l++) {
    if (hasOption(cmdline, LEVEL_OPTIONS[l])) {
      current = u8(l) as LogLevel;
      return;
    }
  }
  if (hasOptionPrefix(cmdline, "loglevel=")) log(LogLevel.Warn, "log: warning: loglevel= takes error, warn, info or debug; staying at info\n");
}

/** Bytes of console output that did not reach the serial port. */
export function logDropped(): u32 {
  return consoleDeviceDropped();
}

/** Format strings that had a conversion with no value or an unknown one (see format.ts). */
export function logBadFormats(): u32 {
  return badFormats;
}

/**
 * Puts `length` bytes at `address` on the console as they are: what user
 * programs write (the ConsoleWrite system call). Not a kernel message, so no
 * level hides it.
 */
export function logBytes(address: usize, length: u32): void {
  bootCostBegin(BootCost.Output);
  consoleDeviceWrite(address, length);
  bootCostEnd();
}

function emit(level: LogLevel, fmt: CStr, count: u32): void {
  if (level > current) return;
  bootCostBegin(BootCost.Output);
  badFormats += format(put, fmt, args, count);
  flush();
  bootCostEnd();
}

export function log(level: LogLevel, fmt: CStr): void {
  emit(level, fmt, 0);
}

export function log1(level: LogLevel, fmt: CStr, a: u32): void {
  args[0] = a;
  emit(level, fmt, 1);
}

export function log2(level: LogLevel, fmt: CStr, a: u32, b: u32): void {
  args[0] = a;
  args[1] = b;
  emit(level, fmt, 2);
}

export function log3(level: LogLevel, fmt: CStr, a: u32, b: u32, c: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  emit(level, fmt, 3);
}

export function log4(level: LogLevel, fmt: CStr, a: u32, b: u32, c: u32, d: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  args[3] = d;
  emit(level, fmt, 4);
}

export function log5(level: LogLevel, fmt: CStr, a: u32, b: u32, c: u32, d: u32, e: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  args[3] = d;
  args[4] = e;
  emit(level, fmt, 5);
}

export function log6(level: LogLevel, fmt: CStr, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  args[3] = d;
  args[4] = e;
  args[5] = f;
  emit(level, fmt, 6);
}

export function log7(level: LogLevel, fmt: CStr, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  args[3] = d;
  args[4] = e;
  args[5] = f;
  args[6] = g;
  emit(level, fmt, 7);
}

export function log8(level: LogLevel, fmt: CStr, a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  args[3] = d;
  args[4] = e;
  args[5] = f;
  args[6] = g;
  args[7] = h;
  emit(level, fmt, FORMAT_ARGS);
}
