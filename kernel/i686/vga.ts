// The VGA text screen (80x25, colour): a mirror of the serial console for
// whoever looks at the screen.
//
// The text window is physical 0xb8000-0xbffff. The kernel maps it 1:1 on
// purpose (it is in 0x1000-0xfffff, which the spec leaves available for global
// mappings), so the same addresses work before and after paging is enabled.
//
// Scrolling moves the CRT controller's start address down one row instead of
// copying the screen: the window holds 204 rows, so a copy of 24 rows back to
// its start happens once every 180 lines, not once per line.

import { VGA_TEXT_BUFFER, VGA_TEXT_END } from "./pc";

const COLUMNS: u32 = 80;
const ROWS: u32 = 25;
const WINDOW_CELLS: u32 = (VGA_TEXT_END - VGA_TEXT_BUFFER) >>> 1;
const ATTRIBUTE: u16 = 0x0700; // light grey on black

// CRT controller (colour mode): an index port, a data port, and the two
// halves of the start address, in cells.
const CRTC_INDEX: u16 = 0x3d4;
const CRTC_DATA: u16 = 0x3d5;
const CRTC_START_HIGH: u8 = 0x0c;
const CRTC_START_LOW: u8 = 0x0d;

/** The cell shown in the screen's top-left corner; top + ROWS * COLUMNS <= WINDOW_CELLS. */
let top: u32 = 0;
let row: u32 = 0;
let column: u32 = 0;

function cell(r: u32, c: u32): usize {
  return VGA_TEXT_BUFFER + (top + r * COLUMNS + c) * 2;
}

/** Blanks a screen row, two cells per store. */
function clearRow(r: u32): void {
  const blank: u32 = ATTRIBUTE | 0x20;
  const pair = (blank << 16) | blank;
  fillWords(cell(r, 0), COLUMNS >>> 1, pair);
}

/** Shows the window from cell `top` on. */
function showTop(): void {
  outb(CRTC_INDEX, CRTC_START_HIGH);
  outb(CRTC_DATA, u8(top >>> 8));
  outb(CRTC_INDEX, CRTC_START_LOW);
  outb(CRTC_DATA, u8(top));
}

export function vgaClear(): void {
  top = 0;
  for (let r: u32 = 0; r < ROWS; r++) clearRow(r);
  showTop();
  row = 0;
  column = 0;
}

function nextRow(): void {
  column = 0;
  if (row + 1 < ROWS) {
    row++;
    return;
  }
  if (top + (ROWS + 1) * COLUMNS <= WINDOW_CELLS) {
    top += COLUMNS;
  } else {
    // At the window's end: move the 24 rows that stay to its start (one
    // memcpy; text memory has no side effects on reads or writes, and the
    // ranges cannot overlap: the window holds 204 rows).
    const rowBytes = COLUMNS * 2;
    memcpy(VGA_TEXT_BUFFER, cell(1, 0), (ROWS - 1) * rowBytes);
    top = 0;
  }
  clearRow(ROWS - 1);
  showTop();
}

/**
 * Puts `length` bytes from `address` on the screen: LF starts a new line,
 * CR goes back to its start. Printable runs go through a tight loop up to
 * the end of the row, with the position in locals (a store to the screen
 * could otherwise alias the module's variables).
 */
export function vgaWrite(address: usize, length: u32): void {
  const p = ptr<u8>(address);
  let i: u32 = 0;
  while (i < length) {
    const b = p[i];
    if (b === 0x0a) {
      nextRow();
      i++;
      continue;
    }
    if (b === 0x0d) {
      column = 0;
      i++;
      continue;
    }
    // Up to the end of the row, the end of the text or a control byte.
    let at = cell(row, column);
    const stop = length - i < COLUMNS - column ? length : i + (COLUMNS - column);
    const first = i;
    while (i < stop && p[i] !== 0x0a && p[i] !== 0x0d) {
      volatileStore16(at, u16(ATTRIBUTE | p[i]));
      at += 2;
      i++;
    }
    column += i - first;
    if (column === COLUMNS) nextRow();
  }
}
