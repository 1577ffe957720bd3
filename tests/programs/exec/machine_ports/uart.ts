// A polled 16550 transmitter and the PCI configuration space: a wait on a
// status port, and 16- and 32-bit port I/O.

const LINE_STATUS: u16 = 5;
const TRANSMIT_EMPTY: u8 = 0x20;
const PCI_ADDRESS: u16 = 0xcf8;
const PCI_DATA: u16 = 0xcfc;

/** Waits until the transmitter is empty, then sends b; returns the status reads it took. */
export function uartSend(base: u16, b: u8): u32 {
  let polls: u32 = 1;
  while ((inb(u16(base + LINE_STATUS)) & TRANSMIT_EMPTY) === 0) {
    pause();
    polls++;
  }
  outb(base, b);
  return polls;
}

/** A 32-bit register of PCI function (bus, device, function), configuration mechanism #1. */
export function pciRead(bus: u8, device: u8, fn: u8, offset: u8): u32 {
  outl(PCI_ADDRESS, 0x80000000 | (u32(bus) << 16) | (u32(device) << 11) | (u32(fn) << 8) | (offset & 0xfc));
  return inl(PCI_DATA);
}

/** Reads `count` 16-bit words from a data port into `out` (as an ATA PIO read does). */
export function readWords(port: u16, out: Ptr<u16>, count: u32): void {
  for (let i: u32 = 0; i < count; i++) out[i] = inw(port);
}

export function writeWord(port: u16, w: u16): void {
  outw(port, w);
}
