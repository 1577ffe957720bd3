// The microkernel's entry point and boot sequence.
//
// setup32 calls main(&boot_info) on the boot stack, with paging off and the
// kernel running in place at kernel_start (see docs/layout.md). The order
// matters: console first (so everything after can complain), then the CPU
// tables (so faults are reported, not triple faults), then memory: maps, the
// layout report and its self-check, and only when the layout is known good,
// page tables and paging.

import { BOOT_INFO_SIGNATURE, BOOT_INFO_VERSION, BootInfo } from "./bootinfo";
import { hasOption } from "./cmdline";
import { consoleInit, newline, putDec, putField, putLine, putMemStr, putStr } from "./console";
import { onException } from "./fault";
import { gdtInit } from "./i686/gdt";
import { cycles, hasGlobalPages, powerOff } from "./i686/machine";
import { pagingEnable, writeProtected } from "./i686/mmu";
import { PAGE_SIZE, PageTables } from "./i686/paging";
import { trapInit } from "./i686/trap";
import { KLIMIT, LAYOUT_RULES, Layout, LayoutRule, checkLayout } from "./layout";
import { BOOT_STACK_RESERVE, bootHeapInit, bootHeapTop } from "./mm/bootheap";
import { firmwareMap, kernelMap } from "./mm/kernelmap";
import { MemoryType, mapCovers } from "./mm/physmap";
import { KernelSpace, SPACE_RULES, SpaceRule, buildKernelSpace, checkKernelSpace, kernelRegionTopFor, spaceCheckAddress } from "./mm/vm";
import { panic, panicBegin, panicEnd } from "./panic";
import { checkProcessManager } from "./procimage";
import { reportE820, reportLayout, reportPhysMap } from "./report";

/** First and past-last byte of the running kernel (kernel/kernel.ld). */
declare const __kernel_start: u8;
declare const __kernel_end: u8;
/** First byte of .text and the end of .rodata: the kernel's read-only part ends on that page. */
declare const __text_start: u8;
declare const __text_end: u8;

/**
 * The address `test=nullread` reads. Exported so that gcc cannot see it is
 * 0: a visible NULL dereference is undefined behaviour it may turn into a
 * trap instruction, and the test is about the MMU, not the compiler.
 */
export let nullReadAddress: usize = 0;

/** The address `test=writetext` writes to: the kernel's first instruction. Exported for the same reason. */
export let writeTextAddress: usize = 0;

function checkBootInfo(info: BootInfo): void {
  if (info.signature !== BOOT_INFO_SIGNATURE) panic("boot_info: bad signature (expected 0x494b5354, \"TSKI\")");
  if (info.version !== BOOT_INFO_VERSION) panic("boot_info: unsupported version (expected 1)");
}

/** Runs the self-check of the layout; panics naming the first broken rule. */
function checkLayoutOrPanic(l: Layout): void {
  const rule = checkLayout(l);
  if (rule === LayoutRule.Ok) {
    putLine("layout: self-check passed");
    return;
  }
  panicBegin();
  putStr("layout self-check failed: ");
  putStr(LAYOUT_RULES[rule]);
  panicEnd();
}

/**
 * Builds the initial address space, turns paging on and checks the result.
 * [image_start, read_only_end) -- setup32 with boot_info, the kernel's ELF
 * headers, text and rodata -- is mapped read-only; kernel.ld starts .data on
 * the next page, so nothing writable shares those pages.
 */
function enablePaging(l: Layout): void {
  const t: PageTables = zeroed();
  t.directory = l.bootEnd;
  t.window = 0; // the kernel region is mapped 1:1
  const s: KernelSpace = zeroed();
  s.imageStart = l.imageStart;
  s.readOnlyEnd = (addr(__text_end) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
  s.bootEnd = l.bootEnd;
  s.kernelRegionTop = l.kernelRegionTop;
  buildKernelSpace(t, s);
  const globalPages = hasGlobalPages();
  pagingEnable(t.directory, globalPages);
  if (!writeProtected()) panic("paging: CR0.WP is clear, the kernel could write over its own text");
  const rule = checkKernelSpace(t, s);
  if (rule !== SpaceRule.Ok) {
    panicBegin();
    putStr("address space self-check failed: ");
    putStr(SPACE_RULES[rule]);
    putField(" (page ", spaceCheckAddress());
    putStr(")");
    panicEnd();
  }
  putField("paging: on, page directory at ", t.directory);
  putStr(globalPages ? ", global pages" : ", no global pages");
  putField(", read-only ", s.imageStart);
  putField("-", s.readOnlyEnd);
  putStr(", write-protect on, no execute-disable (non-PAE i386)");
  newline();
}

export function main(bootInfoAddress: usize): void {
  const started = cycles();
  const stackMarker: Arr<u32, 1> = zeroed();
  consoleInit();
  putLine("Tsuki microkernel");
  gdtInit();
  trapInit(onException);

  const info = ref<BootInfo>(bootInfoAddress);
  checkBootInfo(info);
  putStr("cmdline: ");
  putMemStr(info.cmdline, info.cmdlineSize);
  newline();

  // setup32 made the command line copy the first boot-heap object.
  bootHeapInit(info.bootHeap, info.cmdline + info.cmdlineSize, info.bootEnd - BOOT_STACK_RESERVE);
  reportE820(info.e820Map, info.e820Entries);
  const firmware = firmwareMap(info);
  const kernelRegionTop = kernelRegionTopFor(info.bootEnd);
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
  l.bootStack = addr(stackMarker);
  l.bootEnd = info.bootEnd;
  l.kernelRegionTop = kernelRegionTop;
  l.klimit = KLIMIT;
  l.kernelLinkStart = addr(__kernel_start);
  l.kernelLinkEnd = addr(__kernel_end);
  l.initrdStart = info.initrdStart;
  l.initrdSize = info.initrdSize;
  l.kernelRegionIsRam = mapCovers(firmware, u64(info.imageStart), u64(kernelRegionTop), MemoryType.Available);
  reportLayout(info, l);
  checkLayoutOrPanic(l);

  enablePaging(l);

  if (hasOption(info.cmdline, "test=nullread")) {
    putLine("test: reading address 0 with paging on");
    volatileLoad32(nullReadAddress);
    panic("test=nullread: reading address 0 did not fault");
  }
  if (hasOption(info.cmdline, "test=writetext")) {
    writeTextAddress = addr(__text_start);
    putField("test: writing to kernel text at ", writeTextAddress);
    putLine(" with paging on");
    volatileStore32(writeTextAddress, 0);
    panic("test=writetext: writing to kernel text did not fault");
  }

  checkProcessManager(info.procStart, info.procSize);
  putStr("boot: done in ");
  putDec(u32(cycles() - started));
  putLine(" cycles (instructions under -icount shift=0), powering off");
  powerOff(true);
}
