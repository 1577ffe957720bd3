// Kernel console output: text and numbers, formatted here, written to the
// machine's console device (COM1 mirrored to VGA). No buffering: a line that
// is printed before a crash is on the wire.

import { consoleDeviceDropped, consoleDeviceInit, consoleDevicePut } from "./i686/console";
import { cstrBytes } from "./cstr";

const HEX_DIGITS: CStr = "0123456789abcdef";

export function consoleInit(): void {
  consoleDeviceInit();
}

export function putChar(c: u8): void {
  consoleDevicePut(c);
}

export function newline(): void {
  consoleDevicePut(0x0a);
}

export function putStr(s: CStr): void {
  const bytes = cstrBytes(s);
  for (let i: u32 = 0; bytes[i] !== 0; i++) consoleDevicePut(bytes[i]);
}

export function putLine(s: CStr): void {
  putStr(s);
  newline();
}

/** Prints the NUL-terminated string at `address`, at most `max` bytes. */
export function putMemStr(address: usize, max: u32): void {
  const bytes = ptr<u8>(address);
  for (let i: u32 = 0; i < max && bytes[i] !== 0; i++) consoleDevicePut(bytes[i]);
}

/** `digits` hex digits of v, most significant first, no prefix. */
function putHexDigits(v: u32, digits: u32): void {
  const hex = cstrBytes(HEX_DIGITS);
  for (let i: u32 = digits; i > 0; i--) consoleDevicePut(hex[(v >>> ((i - 1) * 4)) & 0xf]);
}

/** 0xXXXXXXXX: always eight lower-case digits (the layout report's format). */
export function putHex(v: u32): void {
  putStr("0x");
  putHexDigits(v, 8);
}

/** 0xXXXXXXXXXXXXXXXX. */
export function putHex64(v: u64): void {
  putStr("0x");
  putHexDigits(u32(v >> 32n), 8);
  putHexDigits(u32(v), 8);
}

export function putDec(v: u32): void {
  const digits: Arr<u8, 10> = zeroed();
  let n: u32 = 0;
  do {
    digits[n] = u8(0x30 + v % 10);
    v = u32(v / 10);
    n++;
  } while (v !== 0);
  while (n > 0) {
    n--;
    consoleDevicePut(digits[n]);
  }
}

/** `NAME=0xXXXXXXXX`-style pair with a leading label, e.g. putField(" entry=", x). */
export function putField(label: CStr, v: u32): void {
  putStr(label);
  putHex(v);
}

/** Bytes of console output that did not reach the serial port. */
export function consoleDropped(): u32 {
  return consoleDeviceDropped();
}
