// Time: the PIT's channel 0 interrupts TICK_HZ times a second, and each
// interrupt is a tick. The tick count is the kernel's monotonic clock.

import { irqAttach } from "./irq";
import { pitStart } from "./i686/pit";

export const TICK_HZ: u32 = 100;
const TIMER_LINE: u32 = 0;

export type TickHook = () => void;

/** Ticks since clockInit(); written only by the timer interrupt. */
let ticks: u64 = 0n;
let hook: TickHook | null = null;

function onTick(): void {
  ticks = ticks + 1n;
  const h = hook;
  if (h !== null) h();
}

/** Runs `h` on every tick, in the interrupt, after the count advanced (the scheduler's clock). */
export function clockSetTickHook(h: TickHook): void {
  hook = h;
}

export function clockInit(): void {
  pitStart(TICK_HZ);
  irqAttach(TIMER_LINE, onTick);
}

/**
 * The tick count, read safely while interrupts may change it: the two halves
 * of the u64 are read until the high half is the same before and after.
 */
export function clockTicks(): u64 {
  const at = addr(ticks);
  let high: u32 = 0;
  let low: u32 = 0;
  do {
    high = volatileLoad32(at + 4);
    low = volatileLoad32(at);
  } while (high !== volatileLoad32(at + 4));
  return (u64(high) << 32n) | u64(low);
}

/** Milliseconds since clockInit(), at the tick's resolution. */
export function clockMilliseconds(): u64 {
  return clockTicks() * u64(u32(1000 / TICK_HZ));
}
