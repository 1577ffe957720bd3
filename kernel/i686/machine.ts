// Stopping the machine, and the CPU features the kernel cares about.

const DEBUG_EXIT_PORT: u16 = 0xf4;
// isa-debug-exit makes QEMU exit with status (value << 1) | 1.
const DEBUG_EXIT_SUCCESS: u8 = 0x10; // status 33
const DEBUG_EXIT_FAILURE: u8 = 0x11; // status 35

/** Stops this CPU for good: interrupts off, then halt. */
export function haltForever(): void {
  cli();
  for (;;) hlt();
}

/**
 * Powers the machine off, reporting success or failure to an emulator that
 * listens (QEMU's isa-debug-exit). On a machine without the device the write
 * goes nowhere and we halt instead.
 */
export function powerOff(success: bool): void {
  outb(DEBUG_EXIT_PORT, success ? DEBUG_EXIT_SUCCESS : DEBUG_EXIT_FAILURE);
  haltForever();
}

const CPUID_FEATURES = 1;
const FEATURE_EDX_PGE: u32 = 1 << 13;

/** True if the CPU has global pages (CR4.PGE), which keep kernel TLB entries across CR3 loads. */
export function hasGlobalPages(): bool {
  const r: CpuidResult = zeroed();
  cpuid(0, 0, r);
  if (r.eax < CPUID_FEATURES) return false;
  cpuid(CPUID_FEATURES, 0, r);
  return (r.edx & FEATURE_EDX_PGE) !== 0;
}

/**
 * The time-stamp counter: CPU cycles, or exactly one tick per instruction
 * when QEMU runs with `-icount shift=0` (BOOT-NOTES, "Timing and counting").
 */
export function cycles(): u64 {
  return rdtsc();
}
