// The kernel's memory managers, set up at boot (docs/kernel.md, "Memory
// managers"): the shared kernel half's page tables, the page-frame allocator
// over the kernel's physical memory map, and the kernel virtual-address
// allocator with its temporary slots. The state lives here, in static
// storage, because the allocators keep references to it for the whole run;
// the virtual allocator's bitmap (4 KiB) is the one part on the boot heap,
// taken by memoryInit, so that the image does not carry its zeros.
//
// Order at boot (kernel/main.ts): memoryLayout() before paging (it fixes
// where the directory, the tables and the frame storage are), paging on,
// then memoryInit(), which starts the allocators, prints the frame counts
// and checks them, and runs the address-space self-check with the virtual
// allocator in place.
// tsuki: optimize for size

import { BootInfo } from "./bootinfo";
import { VGA_TEXT_BUFFER, VGA_TEXT_PAGES } from "./i686/pc";
import { PAGE_SIZE, PageTables } from "./i686/paging";
import { Layout } from "./layout";
import { fmtStr, hi64, lo64 } from "./format";
import { LogLevel, log1, log2, log4, log6 } from "./log";
import { frameStorageAt } from "./mm/bootarea";
import { bootAlloc } from "./mm/bootheap";
import { FRAME_RESULTS, FrameAllocator, FrameResult, frameAllocatorInit, ramPagesIn } from "./mm/frames";
import { kernelPagesInit } from "./mm/kpages";
import { KV_RESULTS, KvResult, KvSpace, TEMP_BASE, TEMP_SLOTS, kvInit, kvReserve } from "./mm/kvspace";
import { RegionList } from "./mm/physmap";
import { addressSpacesInit } from "./mm/spaces";
import { KernelSpace, SPACE_RULES, SpaceRule, checkKernelSpace, spaceCheckAddress } from "./mm/vm";
import { panic, panic1, panic2 } from "./panic";
import { BootCost, bootCostBegin, bootCostEnd } from "./bootcost";

const FOUR_GIB: u64 = 0x100000000n;

const tables: PageTables = zeroed();
const space: KernelSpace = zeroed();
const frames: FrameAllocator = zeroed();
/** On the boot heap from memoryInit on; null before. */
let kv: KvSpace | null = null;

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

/** The kernel virtual-address allocator; memoryInit must have run. */
export function kernelVirtual(): KvSpace {
  if (kv === null) panic("kernel virtual space: used before memoryInit");
  return kv!;
}

/** Fixes where the initial address space is, before paging: the directory at boot_end, the tables after it. */
export function memoryLayout(l: Layout, readOnlyEnd: u32): void {
  tables.directory = l.bootEnd;
  tables.window = 0; // the kernel region is mapped 1:1
  space.imageStart = l.imageStart;
  space.readOnlyEnd = readOnlyEnd;
  space.bootEnd = l.bootEnd;
  space.kernelRegionTop = l.kernelRegionTop;
  space.kv = null; // until memoryInit: nothing but the kernel region and the VGA window
}

/** Runs the address-space self-check; panics naming the rule and the page. */
export function checkSpaceOrPanic(): void {
  bootCostBegin(BootCost.SelfChecks);
  const rule = checkKernelSpace(tables, space);
  if (rule !== SpaceRule.Ok) panic2("address space self-check failed: %s (page 0x%08x)", fmtStr(SPACE_RULES[rule]), spaceCheckAddress());
  bootCostEnd();
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
  if (r !== FrameResult.Ok) panic1("frames: %s", fmtStr(FRAME_RESULTS[r]));
  const implied = ramPagesIn(firmware, 0n, FOUR_GIB);
  const page0 = ramPagesIn(firmware, 0n, u64(PAGE_SIZE));
  const region = ramPagesIn(firmware, u64(l.imageStart), u64(l.kernelRegionTop));
  const initrdEnd = u64(info.initrdStart) + u64(info.initrdSize);
  const initrd = info.initrdSize === 0 ? 0 : ramPagesIn(firmware, pageDown(u64(info.initrdStart)), pageUp(initrdEnd));
  const kept = page0 + region + initrd;
  log1(LogLevel.Info, "frames: e820 ram below 4 GiB: %u pages\n", implied);
  log4(LogLevel.Info, "frames: kept: %u pages = page 0 (%u) + kernel region (%u) + initrd (%u)\n", kept, page0, region, initrd);
  log6(
    LogLevel.Info,
    "frames: free: %u pages = %u - %u, in %u zones; storage %u bytes at 0x%08x\n",
    frames.free, implied, implied - frames.free, frames.zoneCount, l.kernelRegionTop - storage, storage,
  );
  log2(LogLevel.Info, "frames: above 4 GiB: %lu pages, not usable without PAE\n", lo64(frames.highFrames), hi64(frames.highFrames));
  if (frames.free !== frames.usable || implied - kept !== frames.free) {
    panic2("frames: the allocator holds %u free pages, but the e820 map less what the kernel keeps is %u", frames.free, implied - kept);
  }
}

/**
 * After paging is on: the frame allocator, the kernel virtual-address
 * allocator (the VGA window reserved where it is mapped), kernel pages on top
 * of both. The kernel half is checked when it is built (enablePaging) and
 * when it is complete, the boot stack retired (kmain.ts): each full walk
 * costs some 35,000 instructions, and nothing between the two changes it but
 * the test modes, which check it themselves.
 */
export function memoryInit(info: BootInfo, firmware: RegionList, physmap: RegionList, l: Layout): void {
  framesInit(info, firmware, physmap, l);
  const at = bootAlloc(sizeOf<KvSpace>(), 16);
  if (at === 0) panic("kernel virtual space: no room on the boot heap");
  const v = ref<KvSpace>(at);
  let r = kvInit(v, l.kernelRegionTop);
  if (r === KvResult.Ok) r = kvReserve(v, VGA_TEXT_BUFFER, VGA_TEXT_PAGES);
  if (r !== KvResult.Ok) panic1("kernel virtual space: %s", fmtStr(KV_RESULTS[r]));
  kv = v;
  space.kv = v;
  kernelPagesInit(frames, v, tables);
  addressSpacesInit(frames, v, tables);
  log4(
    LogLevel.Info,
    "kvspace: %u free kernel pages in [0x00001000, 0x00100000) and [0x%08x, 0x%08x), %u temporary slots below KLIMIT\n",
    v.free, l.kernelRegionTop, TEMP_BASE, TEMP_SLOTS,
  );
}
