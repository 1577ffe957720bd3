// Stopping the machine, and its clock. (CPU features: cpu.ts, cpufeatures.ts.)

import { serialDrain } from "./serial";
import { consoleDeviceWrite } from "./console";
import { cstrLength } from "../cstr";

const DEBUG_EXIT_PORT: u16 = 0xf4;
// isa-debug-exit makes QEMU exit with status (value << 1) | 1.
const DEBUG_EXIT_SUCCESS: u8 = 0x10; // status 33
const DEBUG_EXIT_FAILURE: u8 = 0x11; // status 35

/** Lets interrupts in (the IDT, the PICs and the handlers must be ready). */
export function interruptsOn(): void {
  sti();
}

/**
 * Waits for the next interrupt with interrupts on. `sti` takes effect after
 * the next instruction, so a caller that ran its check with interrupts off
 * cannot miss the wake-up between `sti` and `hlt`; with interrupts already on
 * (as during boot), an interrupt just before the call makes the wait last
 * until the next one.
 */
export function idle(): void {
  sti();
  hlt();
}

/** Stops this CPU for good: interrupts off, then halt. */
export function haltForever(): void {
  cli();
  for (;;) hlt();
}

/**
 * The console's last line when no isa-debug-exit device ended the machine:
 * what an emulator without one (v86, tools/v86.ts) or a person at a real
 * screen sees. Printed whatever the log level, and only there: under QEMU
 * the write to port 0xf4 has already ended the run.
 */
const POWER_OFF_SUCCESS: CStr = "power-off: success (no isa-debug-exit device; halted)\n";
const POWER_OFF_FAILURE: CStr = "power-off: failure (no isa-debug-exit device; halted)\n";

/**
 * Powers the machine off, reporting success or failure to an emulator that
 * listens (QEMU's isa-debug-exit). On a machine without the device the write
 * goes nowhere: the console says so in one last line, then we halt.
 */
export function powerOff(success: bool): void {
  serialDrain(); // the console's last bytes may still be in the UART's FIFO
  outb(DEBUG_EXIT_PORT, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
  const line = success ? POWER_OFF_SUCCESS : POWER_OFF_FAILURE;
  consoleDeviceWrite(addr(line), cstrLength(line));
  serialDrain();
  haltForever();
}

/**
 * The time-stamp counter: CPU cycles, or exactly one tick per instruction
 * when QEMU runs with `-icount shift=0` (BOOT-NOTES, "Timing and counting").
 * The TSC is part of the i586 baseline, which setup32 checked before the
 * kernel ran (cpufeatures.ts), so `rdtsc` cannot be #UD here; at ring 0 it
 * cannot fault for CR4.TSD either.
 */
export function cycles(): u64 {
  return rdtsc();
}
