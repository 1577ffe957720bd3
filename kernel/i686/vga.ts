// The VGA text buffer (80x25, colour): a mirror of the serial console for
// whoever looks at the screen.
//
// The buffer is at physical 0xb8000. The kernel maps that page 1:1 on purpose
// (it is in 0x1000-0xfffff, which the spec leaves available for global
// mappings), so the same address works before and after paging is enabled.

import { VGA_TEXT_BUFFER } from "./pc";

const COLUMNS: u32 = 80;
const ROWS: u32 = 25;
const ATTRIBUTE: u16 = 0x0700; // light grey on black

let row: u32 = 0;
let column: u32 = 0;

function cell(r: u32, c: u32): usize {
  return VGA_TEXT_BUFFER + (r * COLUMNS + c) * 2;
}

/** Blanks a row, two cells per store. */
function clearRow(r: u32): void {
  const blank: u32 = ATTRIBUTE | 0x20;
  const pair = (blank << 16) | blank;
  for (let c: u32 = 0; c < COLUMNS; c += 2) volatileStore32(cell(r, c), pair);
}

export function vgaClear(): void {
  for (let r: u32 = 0; r < ROWS; r++) clearRow(r);
  row = 0;
  column = 0;
}

function nextRow(): void {
  column = 0;
  if (row + 1 < ROWS) {
    row++;
    return;
  }
  // Scroll up one row with one memcpy (rep movsl, 960 words): this runs once
  // per line printed, and a loop of volatile accesses through the device
  // memory made scrolling most of the kernel's boot. Text memory has no side
  // effects on reads or writes, so a plain copy is right. The ranges overlap:
  // this relies on the freestanding memcpy copying forwards (rep movs with
  // the direction flag clear), with the destination below the source.
  const rowBytes = COLUMNS * 2;
  memcpy(VGA_TEXT_BUFFER, VGA_TEXT_BUFFER + rowBytes, (ROWS - 1) * rowBytes);
  clearRow(ROWS - 1);
}

export function vgaPutByte(b: u8): void {
  if (b === 0x0a) {
    nextRow();
    return;
  }
  if (b === 0x0d) {
    column = 0;
    return;
  }
  volatileStore16(cell(row, column), u16(ATTRIBUTE | b));
  column++;
  if (column === COLUMNS) nextRow();
}
