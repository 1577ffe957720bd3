// The machine's console device: COM1, mirrored on the VGA text screen.
// Kernel code prints through kernel/log.ts, which formats (kernel/format.ts);
// this file only moves bytes.

import { serialDropped, serialInit, serialNewline, serialWriteRun } from "./serial";
import { vgaClear, vgaWrite } from "./vga";

export function consoleDeviceInit(): void {
  serialInit();
  vgaClear();
}

/**
 * Writes `length` bytes from `address` to both screens. Whole strings, not
 * bytes, cross into the drivers: each loops over the bytes itself, so a
 * character costs a few instructions, not a chain of calls.
 */
export function consoleDeviceWrite(address: usize, length: u32): void {
  const p = ptr<u8>(address);
  let i: u32 = 0;
  while (i < length) {
    let end = i;
    while (end < length && p[end] !== 0x0a) end++;
    serialWriteRun(address + i, end - i);
    if (end < length) {
      serialNewline();
      end++;
    }
    i = end;
  }
  // The VGA writer handles LF itself.
  vgaWrite(address, length);
}

/** Bytes the serial side dropped because the UART stayed full (the screen has them all). */
export function consoleDeviceDropped(): u32 {
  return serialDropped();
}
