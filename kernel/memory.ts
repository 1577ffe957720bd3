// The kernel's memory managers, set up at boot (docs/kernel.md, "Memory
// managers"): the shared kernel half's page tables, the page-frame allocator
// over the kernel's physical memory map, and the kernel virtual-address
// allocator with its temporary slots. The state lives here, in static
// storage, because the allocators keep references to it for the whole run.
//
// Order at boot (kernel/main.ts): memoryLayout() before paging (it fixes
// where the directory, the tables and the frame storage are), paging on,
// then memoryInit(), which starts the allocators, prints the frame counts
// and checks them, and runs the address-space self-check with the virtual
// allocator in place.

import { BootInfo } from "./bootinfo";
import { newline, putDec, putField, putStr } from "./console";
import { VGA_TEXT_BUFFER } from "./i686/pc";
import { PAGE_SIZE, PageTables } from "./i686/paging";
import { Layout } from "./layout";
import { frameStorageAt } from "./mm/bootarea";
import { FRAME_RESULTS, FrameAllocator, FrameResult, frameAllocatorInit, ramPagesIn } from "./mm/frames";
import { kernelPagesInit } from "./mm/kpages";
import { KV_RESULTS, KvResult, KvSpace, TEMP_BASE, TEMP_SLOTS, kvInit, kvReserve } from "./mm/kvspace";
import { RegionList } from "./mm/physmap";
import { KernelSpace, SPACE_RULES, SpaceRule, checkKernelSpace, spaceCheckAddress } from "./mm/vm";
import { panicBegin, panicEnd } from "./panic";

const FOUR_GIB: u64 = 0x100000000n;

const tables: PageTables = zeroed();
const space: KernelSpace = zeroed();
const frames: FrameAllocator = zeroed();
const kv: KvSpace = zeroed();

/** The kernel's page directory and its 32 shared tables (mapped 1:1: window 0). */
export function kernelTables(): PageTables {
  return tables;
}

/** What the kernel half must look like (checkKernelSpace). */
export function kernelSpace(): KernelSpace {
  return space;
}

export function kernelFrames(): FrameAllocator {
  return frames;
}

export function kernelVirtual(): KvSpace {
  return kv;
}

/** Fixes where the initial address space is, before paging: the directory at boot_end, the tables after it. */
export function memoryLayout(l: Layout, readOnlyEnd: u32): void {
  tables.directory = l.bootEnd;
  tables.window = 0; // the kernel region is mapped 1:1
  space.imageStart = l.imageStart;
  space.readOnlyEnd = readOnlyEnd;
  space.bootEnd = l.bootEnd;
  space.kernelRegionTop = l.kernelRegionTop;
  space.kv = null; // until memoryInit: nothing but the kernel region and the VGA page
}

/** Runs the address-space self-check; panics naming the rule and the page. */
export function checkSpaceOrPanic(): void {
  const rule = checkKernelSpace(tables, space);
  if (rule === SpaceRule.Ok) return;
  panicBegin();
  putStr("address space self-check failed: ");
  putStr(SPACE_RULES[rule]);
  putField(" (page ", spaceCheckAddress());
  putStr(")");
  panicEnd();
}

function pageDown(x: u64): u64 {
  return x & ~0xfffn;
}

function pageUp(x: u64): u64 {
  return (x + 0xfffn) & ~0xfffn;
}

/**
 * Starts the frame allocator on the kernel map with the storage at the end of
 * the initial page allocations, and prints and checks the count:
 *
 *   frames: e820 ram below 4 GiB: IMPLIED pages
 *   frames: kept: KEPT pages = page 0 (P) + kernel region (R) + initrd (I)
 *   frames: free: FREE pages = IMPLIED - KEPT, in Z zones; storage B bytes at 0x...
 *   frames: above 4 GiB: H pages, not usable without PAE
 *
 * IMPLIED counts whole pages of RAM in the firmware's (sanitised) map below
 * 4 GiB; the kernel keeps page 0, its region [image_start,
 * kernel_region_top) and the pages the initrd touches, each counted in the
 * same map, and the allocator must hold exactly the rest.
 */
function framesInit(info: BootInfo, firmware: RegionList, physmap: RegionList, l: Layout): void {
  const storage = u32(frameStorageAt(u64(l.bootEnd)));
  const r = frameAllocatorInit(frames, physmap, storage, l.kernelRegionTop - storage);
  if (r !== FrameResult.Ok) {
    panicBegin();
    putStr("frames: ");
    putStr(FRAME_RESULTS[r]);
    panicEnd();
  }
  const implied = ramPagesIn(firmware, 0n, FOUR_GIB);
  const page0 = ramPagesIn(firmware, 0n, u64(PAGE_SIZE));
  const region = ramPagesIn(firmware, u64(l.imageStart), u64(l.kernelRegionTop));
  const initrdEnd = u64(info.initrdStart) + u64(info.initrdSize);
  const initrd = info.initrdSize === 0 ? 0 : ramPagesIn(firmware, pageDown(u64(info.initrdStart)), pageUp(initrdEnd));
  const kept = page0 + region + initrd;
  putStr("frames: e820 ram below 4 GiB: ");
  putDec(implied);
  putStr(" pages");
  newline();
  putStr("frames: kept: ");
  putDec(kept);
  putStr(" pages = page 0 (");
  putDec(page0);
  putStr(") + kernel region (");
  putDec(region);
  putStr(") + initrd (");
  putDec(initrd);
  putStr(")");
  newline();
  putStr("frames: free: ");
  putDec(frames.free);
  putStr(" pages = ");
  putDec(implied);
  putStr(" - ");
  putDec(implied - frames.free);
  putStr(", in ");
  putDec(frames.zoneCount);
  putStr(" zones; storage ");
  putDec(l.kernelRegionTop - storage);
  putField(" bytes at ", storage);
  newline();
  putStr("frames: above 4 GiB: ");
  putDec(u32(frames.highFrames));
  putStr(" pages, not usable without PAE");
  newline();
  if (frames.free !== frames.usable || implied - kept !== frames.free) {
    panicBegin();
    putStr("frames: the allocator holds ");
    putDec(frames.free);
    putStr(" free pages, but the e820 map less what the kernel keeps is ");
    putDec(implied - kept);
    panicEnd();
  }
}

/**
 * After paging is on: the frame allocator, the kernel virtual-address
 * allocator (the VGA page reserved where it is mapped), kernel pages on top
 * of both, and the self-check of the kernel half with them in place.
 */
export function memoryInit(info: BootInfo, firmware: RegionList, physmap: RegionList, l: Layout): void {
  framesInit(info, firmware, physmap, l);
  let r = kvInit(kv, l.kernelRegionTop);
  if (r === KvResult.Ok) r = kvReserve(kv, VGA_TEXT_BUFFER, 1);
  if (r !== KvResult.Ok) {
    panicBegin();
    putStr("kernel virtual space: ");
    putStr(KV_RESULTS[r]);
    panicEnd();
  }
  space.kv = kv;
  kernelPagesInit(frames, kv, tables);
  checkSpaceOrPanic();
  putStr("kvspace: ");
  putDec(kv.free);
  putStr(" free kernel pages in [0x00001000, 0x00100000) and [");
  putField("", l.kernelRegionTop);
  putField(", ", TEMP_BASE);
  putStr("), ");
  putDec(TEMP_SLOTS);
  putStr(" temporary slots below KLIMIT");
  newline();
}
