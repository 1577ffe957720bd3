// Panics: the kernel cannot go on. One line starting with "PANIC:" on the
// console (what the tests look for), then the machine powers off reporting
// failure.
//
//   panic("reason")                     for a fixed message;
//   panicBegin(); putStr(...); ...; panicEnd()   to add numbers to the line.

import { newline, putStr } from "./console";
import { powerOff } from "./i686/machine";

export function panicBegin(): void {
  putStr("PANIC: ");
}

export function panicEnd(): void {
  newline();
  powerOff(false);
}

export function panic(reason: CStr): void {
  panicBegin();
  putStr(reason);
  panicEnd();
}
