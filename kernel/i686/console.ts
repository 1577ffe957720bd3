// The machine's console device: COM1, mirrored on the VGA text screen.
// Kernel code prints through kernel/log.ts, which formats (kernel/format.ts);
// this file only moves bytes.

import { serialDropped, serialInit, serialPutByte } from "./serial";
import { vgaClear, vgaPutByte } from "./vga";

export function consoleDeviceInit(): void {
  serialInit();
  vgaClear();
}

export function consoleDevicePut(b: u8): void {
  // Serial terminals want CR LF; the VGA writer handles LF itself.
  if (b === 0x0a) serialPutByte(0x0d);
  serialPutByte(b);
  vgaPutByte(b);
}

/** Bytes the serial side dropped because the UART stayed full (the screen has them all). */
export function consoleDeviceDropped(): u32 {
  return serialDropped();
}
