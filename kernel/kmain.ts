// The kernel's first thread: what runs once the boot stack is left behind
// (kernel/main.ts boots on the boot stack, then schedStart() runs this on a
// kernel stack of its own). It retires the boot stack -- unmaps it, so a
// stray use faults instead of going unnoticed --, gives the double-fault task
// a stack with a guard page, and goes on with the test
// modes that need threads, the process manager and the end-of-boot report.
// tsuki: optimize for size

import { BootInfo } from "./bootinfo";
import { powerOff } from "./i686/machine";
import { BootCost, bootPhase } from "./bootcost";
import { kernelUnmapPage } from "./i686/kmap";
import { PAGE_SIZE } from "./i686/paging";
import { log1, log2, log3, LogLevel, logBadFormats, logDropped } from "./log";
import { checkSpaceOrPanic, kernelSpace, kernelTables } from "./memory";
import { BOOT_STACK_RESERVE } from "./mm/bootarea";
import { kernelStackAlloc } from "./mm/kpages";
import { panic } from "./panic";
import { tssSetDoubleFaultStack } from "./i686/tss";
import { checkProcessManager } from "./procimage";
import { runProcessManager } from "./procstart";
import { schedCurrent } from "./sched";
import { runThreadTestModes } from "./threadtest";
import { slabTestMode } from "./spacetest";

const DOUBLE_FAULT_STACK_PAGES: u32 = 2;


/**
 * Unmaps the boot stack's reserve [boot_end - BOOT_STACK_RESERVE, boot_end)
 * and tells the self-check of the kernel half that it must stay unmapped.
 * Nothing may run on it any more: the boot context is never resumed.
 */
function retireBootStack(bootEnd: u32): void {
  const low = bootEnd - BOOT_STACK_RESERVE;
  const t = kernelTables();
  for (let page = low; page < bootEnd; page += PAGE_SIZE) kernelUnmapPage(t, page);
  const s = kernelSpace();
  s.retiredStart = low;
  s.retiredEnd = bootEnd;
  checkSpaceOrPanic();
  const self = schedCurrent();
  log3(LogLevel.Info, "threads: running thread %u on its own kernel stack; boot stack [0x%08x, 0x%08x) unmapped\n", self === null ? 0 : self.id, low, bootEnd);
}

/** The double-fault task's stack from here on: kernel pages above a guard page. */
function guardDoubleFaultStack(): void {
  const base = kernelStackAlloc(DOUBLE_FAULT_STACK_PAGES);
  if (base === 0) panic("traps: no memory for the double-fault stack");
  const top = base + DOUBLE_FAULT_STACK_PAGES * PAGE_SIZE;
  tssSetDoubleFaultStack(top);
  log2(LogLevel.Info, "traps: double-fault stack [0x%08x, 0x%08x), above an unmapped guard page\n", base, top);
}


/** The first thread's body: `arg` is the address of boot_info. Never returns. */
export function kernelMain(arg: u32): void {
  const info = ref<BootInfo>(arg);
  retireBootStack(info.bootEnd);
  guardDoubleFaultStack();
  runThreadTestModes(info);
  slabTestMode(info.cmdline);
  bootPhase(BootCost.ProcessManagerLoad);
  checkProcessManager(info.procStart, info.procSize);
  if (logDropped() !== 0) {
    log1(LogLevel.Warn, "console: warning: %u bytes did not reach the serial port (the UART stayed full)\n", logDropped());
  }
  if (logBadFormats() !== 0) log1(LogLevel.Warn, "log: warning: %u conversions had no value or were unknown\n", logBadFormats());
  // The process manager ends the run by powering off; returning is a failure.
  runProcessManager(info);
  powerOff(false);
}
