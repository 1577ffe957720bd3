// The 8253/8254 programmable interval timer, channel 0 on IRQ 0: a square
// wave at the kernel's tick rate.

const CHANNEL0: u16 = 0x40;
const COMMAND: u16 = 0x43;
/** Channel 0, low byte then high byte, mode 3 (square wave), binary. */
const CHANNEL0_SQUARE_WAVE: u8 = 0x36;
/** The PIT's input clock, in Hz. */
export const PIT_HZ: u32 = 1193182;

/** Starts channel 0 at about `hz` interrupts a second; returns the divisor used. */
export function pitStart(hz: u32): u32 {
  // Rounded to the nearest divisor: 11932 for 100 Hz (99.998 Hz).
  const divisor = u32((PIT_HZ + u32(hz / 2)) / hz);
  outb(COMMAND, CHANNEL0_SQUARE_WAVE);
  outb(CHANNEL0, u8(divisor));
  outb(CHANNEL0, u8(divisor >>> 8));
  return divisor;
}
