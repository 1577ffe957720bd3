// The microkernel's entry point and boot sequence.
//
// setup32 calls main(&boot_info) on the boot stack, with paging off and the
// kernel running in place at kernel_start (see docs/layout.md). The order
// matters: the console (logInit) first (so everything after can complain), then the CPU
// tables (so faults are reported, not triple faults), then memory: maps, the
// layout report and its self-check, and only when the layout is known good,
// page tables and paging.
// tsuki: optimize for size

import { BOOT_INFO_SIGNATURE, BOOT_INFO_VERSION, BootInfo } from "./bootinfo";
import { CMDLINE_CUTS, CmdlineCut, cmdlineMayBeCut, hasOption } from "./cmdline";
import { clockInit } from "./clock";
import { faultInit, onDoubleFault, onException } from "./fault";
import { tssInit, tssSetDirectory } from "./i686/tss";
import { irqInit, onInterrupt } from "./irq";
import { runTestModes } from "./selftest";
import { memoryTest } from "./memtest";
import { spaceTestModes } from "./spacetest";
import { gdtInit } from "./i686/gdt";
import { readCpu } from "./i686/cpu";
import { CpuInfo, FEATURE_PGE, hasFeature } from "./i686/cpufeatures";
import { interruptsOn } from "./i686/machine";
import { currentDirectory, pagingEnable, writeProtected } from "./i686/mmu";
import { PAGE_SIZE, PageTables } from "./i686/paging";
import { Idt, trapInit } from "./i686/trap";
import { sysenterInit } from "./i686/user";
import { processesInit } from "./processes";
import { endpointsInit } from "./endpoint";
import { onVector } from "./syscall";
import { LAYOUT_RULES, Layout, LayoutRule, checkLayout } from "./layout";
import { BOOT_STACK_RESERVE, bootStackDeepest, kernelRegionTopFor } from "./mm/bootarea";
import { bootAlloc, bootHeapInit, bootHeapTop } from "./mm/bootheap";
import { MEMORY_SOURCES, memorySource } from "./mm/e820";
import { KERNEL_MAP_CLAIMS, firmwareMap, kernelMap } from "./mm/kernelmap";
import { MemoryType, mapCovers } from "./mm/physmap";
import { buildKernelSpace } from "./mm/vm";
import { checkSpaceOrPanic, kernelSpace, kernelTables, memoryInit, memoryLayout } from "./memory";
import { frameStorageBytes } from "./mm/frames";
import { fmtStr } from "./format";
import { LogLevel, log, log1, log2, log3, log4, logInit, logLevelFromCmdline } from "./log";
import { panic, panic1, panic2 } from "./panic";
import { kernelMain } from "./kmain";
import { BootCost, bootCostBegin, bootCostEnd, bootCostStart, bootPhase } from "./bootcost";
import { schedInit, schedStart } from "./sched";
import { reportCpu, reportE820, reportLayout, reportPhysMap } from "./report";

/** First and past-last byte of the running kernel (kernel/kernel.ld). */
declare const __kernel_start: u8;
declare const __kernel_end: u8;
/** The double-fault task's stack while the kernel boots, from the boot heap (kmain.ts gives it a guarded one). */
const BOOT_DOUBLE_FAULT_STACK: u32 = 8192;

/** The end of .rodata: the kernel's read-only part ends on that page. */
declare const __text_end: u8;


function checkBootInfo(info: BootInfo): void {
  if (info.signature !== BOOT_INFO_SIGNATURE) panic("boot_info: bad signature (expected 0x494b5354, \"TSKI\")");
  if (info.version !== BOOT_INFO_VERSION) panic1("boot_info: unsupported version (expected %u)", BOOT_INFO_VERSION);
}

/** Runs the self-check of the layout; panics naming the first broken rule. */
function checkLayoutOrPanic(l: Layout): void {
  bootCostBegin(BootCost.SelfChecks);
  const rule = checkLayout(l);
  if (rule !== LayoutRule.Ok) panic1("layout self-check failed: %s", fmtStr(LAYOUT_RULES[rule]));
  log(LogLevel.Info, "layout: self-check passed\n");
  bootCostEnd();
}

/**
 * Builds the initial address space, turns paging on and checks the result.
 * [image_start, read_only_end) -- setup32 with boot_info, the kernel's ELF
 * headers, text and rodata -- is mapped read-only; kernel.ld starts .data on
 * the next page, so nothing writable shares those pages.
 */
function enablePaging(l: Layout, cpu: CpuInfo): void {
  memoryLayout(l, (addr(__text_end) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
  const t = kernelTables();
  const s = kernelSpace();
  buildKernelSpace(t, s);
  // Global pages are above the i586 baseline: used only if CPUID says so.
  const globalPages = hasFeature(cpu, FEATURE_PGE);
  pagingEnable(t.directory, globalPages);
  if (!writeProtected()) panic("paging: CR0.WP is clear, the kernel could write over its own text");
  // What the CPU really walks: CR3 read back, not the variable we meant to load.
  const cr3 = currentDirectory();
  if (cr3 !== t.directory) panic2("paging: CR3 holds 0x%08x, expected the page directory at 0x%08x", cr3, t.directory);
  checkSpaceOrPanic();
  tssSetDirectory(cr3); // the double-fault task runs on these page tables too
  log4(
    LogLevel.Info,
    "paging: on, page directory at 0x%08x, %s, read-only 0x%08x-0x%08x, write-protect on, no execute-disable (non-PAE i386)\n",
    cr3, fmtStr(globalPages ? "global pages" : "no global pages"), s.imageStart, s.readOnlyEnd,
  );
}


/**
 * The boot stack's high-water mark against its reserve: setup32 filled the
 * boot area with a poison, so the deepest word above the heap that changed is
 * the deepest point the stack reached. Past the reserve, it ran into the
 * heap's room.
 */
function checkBootStack(bootEnd: usize): void {
  bootCostBegin(BootCost.SelfChecks);
  const deepest = bootStackDeepest(bootHeapTop(), bootEnd);
  const used = bootEnd - deepest;
  if (used > BOOT_STACK_RESERVE) {
    panic2("boot stack: %u bytes used, more than its %u-byte reserve below boot_end (it ran into the boot heap's room)", used, BOOT_STACK_RESERVE);
  }
  log3(LogLevel.Info, "boot: stack high-water mark 0x%08x, %u of %u reserved bytes used\n", deepest, used, BOOT_STACK_RESERVE);
  bootCostEnd();
}

/**
 * Nothing before trapInit() can fault: logInit() is port I/O and stores
 * to the VGA buffer, gdtInit() loads the flat descriptors gdt.ts built (lgdt and
 * the segment reloads of valid flat selectors), at ring 0 with paging off.
 * Everything that could fault (rdtsc, cpuid, memory above the image) comes
 * after the IDT exists.
 */
export function main(bootInfoAddress: usize): void {
  // First: every cycle from here on is charged to a phase (kernel/bootcost.ts).
  bootCostStart(ref<BootInfo>(bootInfoAddress).entryTsc);
  logInit();
  // Until boot_info is checked and its command line read, the log level is
  // the default, info: these first lines (and the CPU line) print at any
  // loglevel=.
  log(LogLevel.Info, "Tsuki microkernel\n");
  const info = ref<BootInfo>(bootInfoAddress);
  checkBootInfo(info);
  // setup32 made the command line copy the first boot-heap object.
  bootHeapInit(info.bootHeap, info.cmdline + info.cmdlineSize, info.bootEnd - BOOT_STACK_RESERVE);
  bootPhase(BootCost.CpuTables);
  gdtInit();
  const idt = bootAlloc(sizeOf<Idt>(), 8);
  if (idt === 0) panic("traps: no room on the boot heap for the IDT");
  if (!trapInit(ref<Idt>(idt), onException, onInterrupt, onVector)) panic("traps: the stubs in traps.S do not have the size trap.ts expects");
  const doubleFaultStack = bootAlloc(BOOT_DOUBLE_FAULT_STACK, 16);
  if (doubleFaultStack === 0) panic("traps: no room on the boot heap for the double-fault stack");
  tssInit(addr(onDoubleFault), doubleFaultStack + BOOT_DOUBLE_FAULT_STACK);
  // Interrupts: the PICs remapped and masked, then the timer, and only then sti.
  irqInit();
  clockInit();
  interruptsOn();
  // CPUID exists: setup32 checked the baseline before the kernel ran.
  const cpu: CpuInfo = zeroed();
  readCpu(cpu);
  reportCpu(cpu);
  // sysenter for system calls, when this CPU really has it (int 0x80 always works).
  sysenterInit(cpu);
  bootPhase(BootCost.MemoryMaps);

  // From here on loglevel= decides what is printed.
  logLevelFromCmdline(info.cmdline);
  // Stack traces may read the boot area (the boot stack is its top).
  faultInit(info.bootHeap, info.bootEnd, null);
  // setup32 ends the copy with a NUL (counted in cmdline_size), where %s stops.
  log1(LogLevel.Info, "cmdline: %s\n", info.cmdline);
  const cut = cmdlineMayBeCut(info.cmdlineSize - 1, info.loader);
  if (cut !== CmdlineCut.No) log2(LogLevel.Warn, "cmdline: warning: %u bytes; %s\n", info.cmdlineSize - 1, fmtStr(CMDLINE_CUTS[cut]));

  log1(LogLevel.Info, "e820: memory map from %s\n", fmtStr(MEMORY_SOURCES[memorySource(info.zeroPage)]));
  reportE820(info.e820Map, info.e820Entries);
  const firmware = firmwareMap(info);
  // The initial page allocations: directory, the 32 shared tables, then the
  // frame allocator's storage, sized from the firmware map with room for the
  // kernel map's claims (KERNEL_MAP_CLAIMS), which need kernel_region_top.
  const frameBytes = frameStorageBytes(firmware, KERNEL_MAP_CLAIMS);
  const top = kernelRegionTopFor(u64(info.bootEnd), frameBytes);
  // Past 4 GiB only with a boot_end there; saturated, it fails the self-check below.
  const kernelRegionTop = top > 0xfffff000n ? 0xfffff000 : u32(top);
  const physmap = kernelMap(info, kernelRegionTop);
  reportPhysMap(physmap);

  const l: Layout = zeroed();
  l.imageStart = info.imageStart;
  l.kernelStart = info.kernelStart;
  l.kernelSize = info.kernelSize;
  l.procStart = info.procStart;
  l.procSize = info.procSize;
  l.imageTop = info.imageTop;
  l.e820Map = info.e820Map;
  l.e820Entries = info.e820Entries;
  l.bootHeap = info.bootHeap;
  l.cmdline = info.cmdline;
  l.cmdlineSize = info.cmdlineSize;
  l.bootHeapTop = bootHeapTop();
  l.bootStack = bootStackDeepest(bootHeapTop(), info.bootEnd);
  l.bootEnd = info.bootEnd;
  l.frameStorageBytes = frameBytes;
  l.kernelRegionTop = kernelRegionTop;
  l.kernelLinkStart = addr(__kernel_start);
  l.kernelLinkEnd = addr(__kernel_end);
  l.initrdStart = info.initrdStart;
  l.initrdSize = info.initrdSize;
  l.kernelRegionIsRam = mapCovers(firmware, u64(info.imageStart), u64(kernelRegionTop), MemoryType.Available);
  reportLayout(info, l);
  checkLayoutOrPanic(l);

  bootPhase(BootCost.PageTables);
  enablePaging(l, cpu);
  bootPhase(BootCost.Allocators);
  memoryInit(info, firmware, physmap, l);

  runTestModes(info);
  if (hasOption(info.cmdline, "test=memory")) memoryTest();
  spaceTestModes(info.cmdline);

  checkBootStack(info.bootEnd);
  bootPhase(BootCost.FirstThread);
  // Threads: from here on every thread runs on a kernel stack of its own,
  // and the boot stack is left for good (kernel/kmain.ts unmaps it).
  schedInit(kernelTables().directory);
  processesInit();
  endpointsInit();
  schedStart("main", kernelMain, bootInfoAddress);
}
