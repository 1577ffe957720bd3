// The COM1 16550 UART: the primary console, and what the tests read.

const COM1 = 0x3f8;
// Register offsets from the base port.
const DATA = 0; //          transmit holding / receive buffer (DLAB = 0)
const INTERRUPTS = 1; //    interrupt enable (DLAB = 0)
const DIVISOR_LOW = 0; //   baud rate divisor (DLAB = 1)
const DIVISOR_HIGH = 1;
const FIFO_CONTROL = 2;
const LINE_CONTROL = 3;
const MODEM_CONTROL = 4;
const LINE_STATUS = 5;

const LINE_DLAB: u8 = 0x80;
const LINE_8N1: u8 = 0x03;
const FIFO_ENABLE_CLEAR_14: u8 = 0xc7;
const MODEM_DTR_RTS_OUT2: u8 = 0x0b;
const STATUS_TRANSMIT_EMPTY: u8 = 0x20;

/** 115200 baud is the UART clock (1.8432 MHz / 16) divided by 1. */
const DIVISOR_115200: u8 = 1;

/** Programs COM1 for 115200 8N1, FIFOs on, interrupts off (we poll). */
export function serialInit(): void {
  outb(COM1 + INTERRUPTS, 0);
  outb(COM1 + LINE_CONTROL, LINE_DLAB);
  outb(COM1 + DIVISOR_LOW, DIVISOR_115200);
  outb(COM1 + DIVISOR_HIGH, 0);
  outb(COM1 + LINE_CONTROL, LINE_8N1);
  outb(COM1 + FIFO_CONTROL, FIFO_ENABLE_CLEAR_14);
  outb(COM1 + MODEM_CONTROL, MODEM_DTR_RTS_OUT2);
}

/** Sends one byte, waiting until the transmitter can take it. */
export function serialPutByte(b: u8): void {
  while ((inb(COM1 + LINE_STATUS) & STATUS_TRANSMIT_EMPTY) === 0) pause();
  outb(COM1 + DATA, b);
}
