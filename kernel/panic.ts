// Panics: the kernel cannot go on. One line starting with "PANIC:" on the
// console (what the tests and `tsuki run` look for), then the machine powers
// off reporting failure. Printed at LogLevel.Error, which no loglevel= hides.
//
//   panic("reason")                          a fixed message;
//   panic2("frames: %u free, expected %u", a, b)   a formatted one (kernel/format.ts);
//   panicBegin(); log(LogLevel.Error, ...); panicEnd()   a report of several lines.
// tsuki: optimize for size

import { log, log1, log2, log3, log4, LogLevel } from "./log";
import { fmtStr } from "./format";
import { powerOff } from "./i686/machine";

export function panicBegin(): void {
  log(LogLevel.Error, "PANIC: ");
}

export function panicEnd(): void {
  log(LogLevel.Error, "\n");
  powerOff(false);
}

/** `reason` is printed as it is, not as a format. */
export function panic(reason: CStr): void {
  panicBegin();
  log1(LogLevel.Error, "%s", fmtStr(reason));
  panicEnd();
}

export function panic1(fmt: CStr, a: u32): void {
  panicBegin();
  log1(LogLevel.Error, fmt, a);
  panicEnd();
}

export function panic2(fmt: CStr, a: u32, b: u32): void {
  panicBegin();
  log2(LogLevel.Error, fmt, a, b);
  panicEnd();
}

export function panic3(fmt: CStr, a: u32, b: u32, c: u32): void {
  panicBegin();
  log3(LogLevel.Error, fmt, a, b, c);
  panicEnd();
}

export function panic4(fmt: CStr, a: u32, b: u32, c: u32, d: u32): void {
  panicBegin();
  log4(LogLevel.Error, fmt, a, b, c, d);
  panicEnd();
}
