// The COM1 16550 UART: the primary console, and what the tests read.

const COM1 = 0x3f8;
// Register offsets from the base port.
const DATA = 0; //          transmit holding / receive buffer (DLAB = 0)
const INTERRUPTS = 1; //    interrupt enable (DLAB = 0)
const DIVISOR_LOW = 0; //   baud rate divisor (DLAB = 1)
const DIVISOR_HIGH = 1;
const FIFO_CONTROL = 2; // write: FIFO control; read: interrupt identification
const LINE_CONTROL = 3;
const MODEM_CONTROL = 4;
const LINE_STATUS = 5;

const LINE_DLAB: u8 = 0x80;
const LINE_8N1: u8 = 0x03;
const FIFO_ENABLE_CLEAR_14: u8 = 0xc7;
const MODEM_DTR_RTS_OUT2: u8 = 0x0b;
const STATUS_TRANSMIT_EMPTY: u8 = 0x20;
/** Line status bit 6: the FIFO and the shift register are both empty -- every byte is out. */
const STATUS_ALL_SENT: u8 = 0x40;
/** Interrupt identification bits 7:6 read 11 once a 16550A's FIFOs are on. */
const IDENT_FIFOS_ON: u8 = 0xc0;
const FIFO_BYTES: u32 = 16;

/** 115200 baud is the UART clock (1.8432 MHz / 16) divided by 1. */
const DIVISOR_115200: u8 = 1;

/**
 * Bytes the transmitter takes without another look at the line status:
 * after "transmitter empty", a 16550A's FIFO holds 16; an 8250 or 16450
 * (no FIFO) one. Polling once per 16 bytes is what makes output cheap.
 */
let depth: u32 = 1;
/** Bytes that may still be written before the next poll (0 <= room <= depth). */
let room: u32 = 0;

/** Programs COM1 for 115200 8N1, FIFOs on, interrupts off (we poll), and sees whether the FIFOs are there. */
export function serialInit(): void {
  outb(COM1 + INTERRUPTS, 0);
  outb(COM1 + LINE_CONTROL, LINE_DLAB);
  outb(COM1 + DIVISOR_LOW, DIVISOR_115200);
  outb(COM1 + DIVISOR_HIGH, 0);
  outb(COM1 + LINE_CONTROL, LINE_8N1);
  outb(COM1 + FIFO_CONTROL, FIFO_ENABLE_CLEAR_14);
  outb(COM1 + MODEM_CONTROL, MODEM_DTR_RTS_OUT2);
  depth = (inb(COM1 + FIFO_CONTROL) & IDENT_FIFOS_ON) === IDENT_FIFOS_ON ? FIFO_BYTES : 1;
  room = 0;
}

/**
 * How many times a byte polls the line status before the UART counts as
 * stalled. A byte takes about 87 us at 115200 baud, but a host pipe behind
 * an emulated UART can hold it back for milliseconds, so the patience is
 * large (2^24 polls, a second or more); what it bounds is a UART that never
 * empties (a broken chip, a host that stopped reading), which then costs one
 * long wait instead of a hung kernel.
 */
let patience: u32 = 1 << 24;

/** Sets the patience (the host tests use a small one). */
export function serialSetPatience(polls: u32): void {
  patience = polls;
}

/** Set when a byte timed out: until the UART empties again, each byte polls once and is dropped if it must wait. */
let stalled = false;
/** Bytes dropped because the transmitter stayed full. */
let dropped: u32 = 0;

/** Polls up to `polls` more times for room, then sends `b`, or drops it and counts the UART as stalled. */
function sendAfterWaiting(b: u8, polls: u32): void {
  for (let i: u32 = 0; i < polls; i++) {
    if ((inb(COM1 + LINE_STATUS) & STATUS_TRANSMIT_EMPTY) !== 0) {
      stalled = false;
      room = depth - 1;
      outb(COM1 + DATA, b);
      return;
    }
    pause();
  }
  stalled = true;
  dropped++;
}

/**
 * Sends one byte, waiting (boundedly) until the transmitter can take it.
 * The common case -- room in the FIFO, or room at the first look -- is a
 * write, or one read and one write.
 */
function transmit(b: u8): void {
  if (room !== 0) {
    room--;
    outb(COM1 + DATA, b);
    return;
  }
  if (!stalled && (inb(COM1 + LINE_STATUS) & STATUS_TRANSMIT_EMPTY) !== 0) {
    room = depth - 1;
    outb(COM1 + DATA, b);
    return;
  }
  putByteWaiting(b);
}

export function serialPutByte(b: u8): void {
  transmit(b);
}

/** transmit's slow path: the first look found no room (or the UART is stalled). */
function putByteWaiting(b: u8): void {
  if (stalled) {
    sendAfterWaiting(b, 1);
    return;
  }
  pause();
  sendAfterWaiting(b, patience > 0 ? patience - 1 : 0);
}

/**
 * Sends `length` bytes from `address`, none of them LF: into the FIFO as
 * many at a time as it has room for (one `rep outsb`), looking at the line
 * status only when it is full.
 */
export function serialWriteRun(address: usize, length: u32): void {
  let at = address;
  let left = length;
  while (left !== 0) {
    if (room === 0) {
      transmit(ptr<u8>(at)[0]); // waits for room (boundedly), or drops the byte
      at++;
      left--;
      continue;
    }
    const n = left < room ? left : room;
    outsb(COM1 + DATA, at, n);
    room -= n;
    at += n;
    left -= n;
  }
}

/** Ends a line as serial terminals want it: CR LF. */
export function serialNewline(): void {
  transmit(0x0d);
  transmit(0x0a);
}

/**
 * Waits (boundedly, not at all once stalled) until every byte written has
 * left the UART: bytes still in the FIFO when the machine powers off are
 * lost (QEMU exits at once on isa-debug-exit).
 */
export function serialDrain(): void {
  if (stalled) return;
  for (let i: u32 = 0; i < patience; i++) {
    if ((inb(COM1 + LINE_STATUS) & STATUS_ALL_SENT) !== 0) break;
    pause();
  }
  room = 0;
}

/** How many bytes the serial console has dropped so far. */
export function serialDropped(): u32 {
  return dropped;
}
