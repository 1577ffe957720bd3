// kernel/layout.ts: a layout taken from a real boot passes; breaking any one
// rule is caught, and reported as that rule.

import { KLIMIT, Layout, LayoutRule, checkLayout, userRangeValid } from "../../kernel/layout";
import { expect, expectU32, suite } from "./check";

const l: Layout = zeroed();

/** The layout QEMU -kernel reported at 128 MB (docs/layout.md). */
function good(): void {
  l.imageStart = 0x100000;
  l.kernelStart = 0x101000;
  l.kernelSize = 0x5c88;
  l.procStart = 0x107000;
  l.procSize = 0x374;
  l.imageTop = 0x108000;
  l.e820Map = 0x108000;
  l.e820Entries = 6;
  l.bootHeap = 0x109000;
  l.cmdline = 0x109000;
  l.cmdlineSize = 1;
  l.bootHeapTop = 0x1093fc;
  l.bootStack = 0x118e88;
  l.bootEnd = 0x119000;
  l.frameStorageBytes = 4240; // 128 MB: two pages
  l.kernelRegionTop = 0x13c000; // boot_end + directory + 32 tables + 2 pages
  l.kernelLinkStart = 0x101000;
  l.kernelLinkEnd = 0x106920;
  l.kernelRegionIsRam = true;
}

function broken(rule: LayoutRule, what: CStr): void {
  expectU32(u32(checkLayout(l)), u32(rule), what);
  good();
}

/** The user half, [KLIMIT, 4 GiB): every edge of the rule system calls use for pointers. */
function userRanges(): void {
  expect(userRangeValid(KLIMIT, 4096), "a page at KLIMIT");
  expect(!userRangeValid(KLIMIT - 1, 1), "a byte below KLIMIT");
  expect(!userRangeValid(KLIMIT - 1, 2), "straddling KLIMIT");
  expect(!userRangeValid(0, 16), "the NULL page");
  expect(!userRangeValid(0x00100000, 4096), "kernel text");
  expect(userRangeValid(0xfffff000, 4096), "the last page, ending exactly at 4 GiB");
  expect(!userRangeValid(0xfffff000, 4097), "one byte past 4 GiB");
  expect(!userRangeValid(0xffffffff, 2), "wrapping from the last byte");
  expect(!userRangeValid(0x80000000, 0x80000001), "wrapping by size");
  expect(!userRangeValid(KLIMIT, 0xffffffff), "a huge size");
  expect(userRangeValid(KLIMIT, 0xf8000000), "the whole user half");
  expect(!userRangeValid(KLIMIT, 0xf8000001), "the whole user half and a byte");
  expect(userRangeValid(0xffffffff, 1), "the last byte");
  expect(userRangeValid(KLIMIT, 0), "empty, at KLIMIT");
  expect(!userRangeValid(0x1000, 0), "empty, below KLIMIT");
}

export function testLayout(): void {
  suite("layout");
  userRanges();
  good();
  broken(LayoutRule.Ok, "a real boot's layout passes");

  l.imageStart = 0x200000;
  broken(LayoutRule.ImageStart, "image_start elsewhere");
  l.kernelStart = 0x102000;
  broken(LayoutRule.KernelStart, "kernel_start not right after setup32");
  l.kernelLinkEnd = 0x107000;
  broken(LayoutRule.KernelLinkedElsewhere, "kernel memory (.bss) past kernel_size");
  l.kernelLinkStart = 0x100000;
  broken(LayoutRule.KernelLinkedElsewhere, "kernel linked away from kernel_start");
  l.kernelSize = 0x7000;
  l.kernelLinkEnd = 0x102000;
  broken(LayoutRule.KernelSize, "kernel overlapping the process manager");
  l.kernelSize = 0xffffffff;
  l.kernelLinkEnd = 0x102000;
  broken(LayoutRule.KernelSize, "kernel_size wrapping past 4 GiB");
  l.procStart = 0x108000;
  broken(LayoutRule.ProcStart, "proc_start at image_top");
  l.procSize = 0x2000;
  broken(LayoutRule.ProcSize, "process manager past image_top");
  l.procSize = 0;
  broken(LayoutRule.ProcSize, "empty process manager");
  l.imageTop = 0x108004;
  l.e820Map = 0x108004;
  broken(LayoutRule.ImageTopAligned, "image_top not page aligned");
  l.imageTop = 0x109000;
  l.e820Map = 0x109000;
  broken(LayoutRule.ImageTopTight, "image_top a page too high");
  l.e820Map = 0x107000;
  broken(LayoutRule.BootHeap, "e820 copy below image_top, over the process manager");
  l.e820Entries = 0;
  broken(LayoutRule.E820Entries, "no e820 entries");
  l.e820Entries = 129;
  broken(LayoutRule.E820Entries, "more e820 entries than the zero page holds");
  l.e820Entries = 205;
  broken(LayoutRule.E820Entries, "e820 map running into the boot heap");
  l.bootHeap = 0x108000;
  l.cmdline = 0x108000;
  broken(LayoutRule.BootHeap, "boot heap on top of the e820 copy");
  l.cmdline = 0x109010;
  broken(LayoutRule.Cmdline, "command line not the first heap object");
  l.cmdlineSize = 0x1000;
  broken(LayoutRule.Cmdline, "command line past the heap's top");
  l.bootEnd = 0x119800;
  broken(LayoutRule.BootEnd, "boot_end not page aligned");
  l.bootEnd = 0x109000;
  broken(LayoutRule.BootEnd, "boot_end below the heap's top");
  l.bootStack = 0x109100;
  broken(LayoutRule.BootStack, "stack inside the heap");
  l.bootStack = 0x119000;
  broken(LayoutRule.BootStack, "stack at boot_end");
  l.bootStack = 0x114ffc;
  broken(LayoutRule.BootStack, "stack deeper than its 16 KiB reserve");
  l.bootStack = 0x115000;
  broken(LayoutRule.Ok, "stack using exactly its reserve");
  l.bootHeapTop = 0x115004;
  broken(LayoutRule.BootStack, "heap reaching into the stack reserve");
  l.kernelRegionTop = 0x118000;
  broken(LayoutRule.KernelRegionTop, "kernel_region_top below boot_end");
  l.kernelRegionTop = 0x13c100;
  broken(LayoutRule.KernelRegionTop, "kernel_region_top not page aligned");
  l.kernelRegionTop = 0x13b000;
  broken(LayoutRule.KernelRegionTop, "kernel_region_top a page short of the frame storage");
  l.kernelRegionTop = 0x13d000;
  broken(LayoutRule.KernelRegionTop, "kernel_region_top a page past the initial page allocations");
  l.kernelRegionTop = 0x11b000;
  broken(LayoutRule.KernelRegionTop, "room for one page table only (the old layout)");
  l.frameStorageBytes = 0x08000000;
  l.kernelRegionTop = 0x0813a000;
  broken(LayoutRule.KernelRegionBelowKlimit, "kernel region reaching past KLIMIT");
  l.kernelRegionIsRam = false;
  broken(LayoutRule.KernelRegionRam, "kernel region not in RAM");
  l.initrdStart = 0x07fd0000;
  l.initrdSize = 0x10000;
  broken(LayoutRule.Ok, "an initrd high in memory is fine");
  l.initrdStart = 0x11a000;
  l.initrdSize = 0x10000;
  broken(LayoutRule.InitrdOverlap, "an initrd over the page tables");
  l.initrdStart = 0xff000;
  l.initrdSize = 0x1001;
  broken(LayoutRule.InitrdOverlap, "an initrd reaching into the image");
  l.initrdStart = 0xff000;
  l.initrdSize = 0x1000;
  broken(LayoutRule.Ok, "an initrd ending right at image_start");
  l.initrdStart = 0xfff00000;
  l.initrdSize = 0x00200000;
  broken(LayoutRule.Ok, "an initrd ending past 4 GiB lies above the kernel region");
  l.initrdStart = 0x100000;
  l.initrdSize = 0xfff00000;
  broken(LayoutRule.InitrdOverlap, "an initrd from image_start to exactly 4 GiB (its 32-bit end wraps to 0)");
  l.procStart = 0x107000;
  l.procSize = 0xfffffff0;
  broken(LayoutRule.ProcSize, "proc_size whose 32-bit end wraps below image_top");
}
