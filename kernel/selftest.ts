// The kernel's test modes, chosen on the command line (`test=NAME`): each
// provokes one thing the tests then look for in the serial log. A mode that
// faults must end in a PANIC report; if the fault does not come, the mode
// panics itself saying so.
// tsuki: optimize for size

import { clockTicks, TICK_HZ } from "./clock";
import { hasOption } from "./cmdline";
import { hi64, lo64 } from "./format";
import { LogLevel, log, log1, log2, log4 } from "./log";
import { BootInfo } from "./bootinfo";
import { kernelUnmapPage } from "./i686/kmap";
import { cycles, idle } from "./i686/machine";
import { currentDirectory } from "./i686/mmu";
import { PAGE_SIZE, PageTables } from "./i686/paging";
import { BOOT_STACK_RESERVE } from "./mm/bootarea";
import { bootHeapTop } from "./mm/bootheap";
import { panic } from "./panic";

/** fault_invalid_opcode (faults.S): an invalid opcode (lock nop). */
declare function fault_invalid_opcode(): void;
/** fault_stray_vector (faults.S): int $0x41, a vector nothing uses. */
declare function fault_stray_vector(): void;
/** First byte of .text (kernel.ld). */
declare const __text_start: u8;

/**
 * Addresses and values the modes use, exported so that gcc cannot see them
 * as constants: a visible NULL dereference or division by zero is undefined
 * behaviour it may turn into something else; the tests are about the CPU.
 */
export let nullReadAddress: usize = 0;
export let writeTextAddress: usize = 0;
/** Below KLIMIT, above every boot mapping: never mapped. */
export let unmappedAddress: usize = 0x07fff000;
export let zeroDivisor: u32 = 0;
export let badSelector: u16 = 0x1230;

/** `test=deepstack`: write all over a buffer larger than the stack reserve, on the stack. */
function deepStack(): void {
  const big: Arr<u8, 0x5000> = zeroed();
  for (let i: u32 = 0; i < 0x5000; i += 16) volatileStore8(addr(big) + i, 1);
}

/** `test=ticks`: the clock advances with interrupts on. */
function waitTicks(n: u32): void {
  // Start on a tick's edge, so the count covers n whole tick periods.
  const edge = clockTicks();
  while (clockTicks() === edge) idle();
  const start = clockTicks();
  const t0 = cycles();
  while (clockTicks() - start < u64(n)) idle();
  const spent = cycles() - t0;
  // Under -icount shift=0 the TSC counts virtual nanoseconds, so a test can
  // check the rate: each period should be 10^9 / 1193182 * 11932 cycles.
  log4(LogLevel.Info, "clock: %u ticks at %u Hz in %lu cycles\n", n, TICK_HZ, lo64(spent), hi64(spent));
}

/**
 * `test=stack-overflow`: unmap the page below the boot stack's reserve (a
 * guard page, in the boot heap's unused room) and recurse until the stack
 * runs into it. The page fault cannot push its frame there, so the CPU
 * raises a double fault, which its task gate handles on a stack of its own.
 */
function overflowStack(bootEnd: usize): void {
  const guard = bootEnd - BOOT_STACK_RESERVE - PAGE_SIZE;
  if (guard < bootHeapTop()) panic("test=stack-overflow: the boot heap reaches the page below the stack reserve");
  const t: PageTables = zeroed();
  t.directory = currentDirectory();
  t.window = 0;
  if (!kernelUnmapPage(t, guard)) panic("test=stack-overflow: the guard page was not mapped");
  log1(LogLevel.Info, "test: guard page at 0x%08x, recursing\n", guard);
  log1(LogLevel.Info, "%u", recurse(0)); // uses the result, so the recursion stays
  panic("test=stack-overflow: the recursion returned");
}

/** Uses 256 bytes of stack per level, forever (the stores keep gcc from folding it). */
export function recurse(depth: u32): u32 {
  const pad: Arr<u32, 64> = zeroed();
  volatileStore32(addr(pad), depth);
  return recurse(depth + 1) + volatileLoad32(addr(pad));
}

/** Runs every test mode the command line names (a faulting one does not return). */
export function runTestModes(info: BootInfo): void {
  const cmdline = info.cmdline;
  if (hasOption(cmdline, "test=stack-overflow")) overflowStack(info.bootEnd);
  if (hasOption(cmdline, "test=nullread") || hasOption(cmdline, "test=null")) {
    log(LogLevel.Info, "test: reading address 0 with paging on\n");
    volatileLoad32(nullReadAddress);
    panic("test=null: reading address 0 did not fault");
  }
  if (hasOption(cmdline, "test=pf-read")) {
    log1(LogLevel.Info, "test: reading unmapped address 0x%08x\n", unmappedAddress);
    volatileLoad32(unmappedAddress);
    panic("test=pf-read: reading an unmapped page did not fault");
  }
  if (hasOption(cmdline, "test=writetext") || hasOption(cmdline, "test=pf-write")) {
    writeTextAddress = addr(__text_start);
    log1(LogLevel.Info, "test: writing to kernel text at 0x%08x with paging on\n", writeTextAddress);
    volatileStore32(writeTextAddress, 0);
    panic("test=pf-write: writing to kernel text did not fault");
  }
  if (hasOption(cmdline, "test=de")) {
    log(LogLevel.Info, "test: dividing by zero\n");
    const q = u32(7 / zeroDivisor);
    log1(LogLevel.Info, "%u", q); // uses the quotient, so the division stays
    panic("test=de: dividing by zero did not fault");
  }
  if (hasOption(cmdline, "test=ud")) {
    log(LogLevel.Info, "test: executing an invalid opcode\n");
    fault_invalid_opcode();
    panic("test=ud: an invalid opcode did not fault");
  }
  if (hasOption(cmdline, "test=gp")) {
    log1(LogLevel.Info, "test: loading selector 0x%08x into ds\n", badSelector);
    loadDs(badSelector);
    panic("test=gp: loading a selector past the GDT did not fault");
  }
  if (hasOption(cmdline, "test=vector")) {
    log(LogLevel.Info, "test: raising interrupt vector 65\n");
    fault_stray_vector();
    panic("test=vector: vector 65 returned");
  }
  if (hasOption(cmdline, "test=ticks")) waitTicks(10);
  if (hasOption(cmdline, "test=deepstack")) {
    log(LogLevel.Info, "test: using more boot stack than its reserve\n");
    deepStack();
  }
}
