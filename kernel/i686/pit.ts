// The 8253/8254 programmable interval timer, channel 0 on IRQ 0: a square
// wave at the kernel's tick rate.

const CHANNEL0: u16 = 0x40;
const COMMAND: u16 = 0x43;
/** Channel 0, low byte then high byte, mode 3 (square wave), binary. */
const CHANNEL0_SQUARE_WAVE: u8 = 0x36;
/** The PIT's input clock, in Hz. */
export const PIT_HZ: u32 = 1193182;

/** The divisor register holds 16 bits; 0 stands for 65536, the slowest rate (about 18.2 Hz). */
const DIVISOR_MAX: u32 = 65536;

/**
 * Starts channel 0 at about `hz` interrupts a second; returns the divisor
 * used. Rounded to the nearest divisor (11932 for 100 Hz: 99.998 Hz) and
 * kept in the range the counter has: below about 19 Hz (or for 0) the
 * slowest rate, above half the input clock the fastest (mode 3 needs a count of 2 or more).
 */
export function pitStart(hz: u32): u32 {
  let divisor = hz === 0 ? DIVISOR_MAX : u32((PIT_HZ + u32(hz / 2)) / hz);
  if (divisor > DIVISOR_MAX) divisor = DIVISOR_MAX;
  if (divisor < 2) divisor = 2; // mode 3 cannot count from 1
  outb(COMMAND, CHANNEL0_SQUARE_WAVE);
  outb(CHANNEL0, u8(divisor & 0xff)); // 65536 is written as 0, 0
  outb(CHANNEL0, u8((divisor >>> 8) & 0xff));
  return divisor;
}
