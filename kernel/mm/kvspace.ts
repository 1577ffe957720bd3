// Kernel virtual addresses: which pages of the spec's "available for global
// mappings" ranges are taken. Every address space shares [0, KLIMIT), so a
// kernel virtual page is handed out once for all of them:
//
//   [0, 0x1000)                     page 0: never (NULL dereferences fault)
//   [0x1000, IMAGE_START)           low range: allocatable, after the high one
//   [IMAGE_START, kernel_region_top) the kernel region, mapped 1:1: never
//   [kernel_region_top, TEMP_BASE)  high range: allocatable, searched first
//   [TEMP_BASE, KLIMIT)             TEMP_SLOTS pages for temporary mappings
//
// The high range goes first so the low megabyte stays for mappings that
// must sit there (the VGA text window today, which the kernel reserves with
// kvReserve). Temporary slots are for reaching any frame for a moment
// (kernel/i686/kmap.ts: mapTemporary writes the PTE and invlpg's; this file
// only chooses the slot).
//
// One bit per page below KLIMIT (4 KiB in all), 1 = taken. Costs: set-up
// O(KLIMIT pages / 32) (clearing the bitmap); kvAlloc first fit, at
// most one pass over the two ranges (skipping full words); kvFree and
// kvReserve O(pages); temporary slots O(TEMP_SLOTS). Pure: no page tables,
// no TLB (tests/kernel-host/kvspace.ts).

import { IMAGE_START } from "../bootinfo";
import { KLIMIT, PAGE_SIZE } from "../layout";

export const TEMP_SLOTS: u32 = 16;
/** First temporary slot: the top TEMP_SLOTS pages below KLIMIT. */
export const TEMP_BASE: u32 = KLIMIT - TEMP_SLOTS * PAGE_SIZE;
const PAGE_SHIFT: u32 = 12;
const LOW_FIRST: u32 = 1; // page numbers
const LOW_END: u32 = IMAGE_START >>> PAGE_SHIFT;
const TEMP_FIRST: u32 = TEMP_BASE >>> PAGE_SHIFT;
const FULL: u32 = 0xffffffff;

/**
 * Invariants: in the two ranges, bit p of `used` is 1 exactly for the pages
 * handed out or reserved; bits of other pages (page 0, the kernel region,
 * the slots) are never read, since every search and every check stays
 * inside one range. free = pages of the ranges whose bit is 0; total = all
 * pages of the ranges. Bit i of `temp` is 1 while slot i is held.
 */
export interface KvSpace {
  used: Arr<u32, 1024>;
  /** Page number where the high range starts: kernel_region_top / PAGE_SIZE. */
  highFirst: u32;
  total: u32;
  free: u32;
  temp: u32;
}

export const enum KvResult {
  Ok = 0,
  Misaligned,
  Empty,
  OutsideRanges,
  NotAllocated,
  InUse,
  BadRegionTop,
  NotTempSlot,
}

/** What each result means (indexed by KvResult). */
export const KV_RESULTS: readonly CStr[] = [
  "ok",
  "the address is not page aligned",
  "zero pages",
  "the pages are not all inside one range available for global mappings",
  "a page is not allocated (a double free?)",
  "a page is already in use",
  "kernel_region_top must be page aligned, at least image_start and below the temporary slots",
  "the address is not a held temporary slot",
];

function isUsed(kv: KvSpace, page: u32): bool {
  return (kv.used[page >>> 5] & (u32(1) << (page & 31))) !== 0;
}

function setPages(kv: KvSpace, first: u32, count: u32, on: bool): void {
  for (let p = first; p < first + count; p++) {
    const bit = u32(1) << (p & 31);
    kv.used[p >>> 5] = on ? kv.used[p >>> 5] | bit : kv.used[p >>> 5] & ~bit;
  }
}

/** Sets up the allocator with the kernel region ending at `kernelRegionTop`. */
export function kvInit(kv: KvSpace, kernelRegionTop: u32): KvResult {
  if ((kernelRegionTop & (PAGE_SIZE - 1)) !== 0 || kernelRegionTop < IMAGE_START || kernelRegionTop > TEMP_BASE) {
    return KvResult.BadRegionTop;
  }
  memset(addr(kv.used), 0, kv.used.length * 4);
  kv.highFirst = kernelRegionTop >>> PAGE_SHIFT;
  kv.total = (LOW_END - LOW_FIRST) + (TEMP_FIRST - kv.highFirst);
  kv.free = kv.total;
  kv.temp = 0;
  return KvResult.Ok;
}

/** Ok if [va, va + pages * PAGE_SIZE) lies inside one allocatable range. */
function rangeCheck(kv: KvSpace, va: usize, pages: u32): KvResult {
  if ((va & (PAGE_SIZE - 1)) !== 0) return KvResult.Misaligned;
  if (pages === 0) return KvResult.Empty;
  const first = va >>> PAGE_SHIFT;
  const inLow = first >= LOW_FIRST && first < LOW_END && pages <= LOW_END - first;
  const inHigh = first >= kv.highFirst && first < TEMP_FIRST && pages <= TEMP_FIRST - first;
  return inLow || inHigh ? KvResult.Ok : KvResult.OutsideRanges;
}

/** First fit of `n` free pages in page numbers [from, to); 0 if there is no such run. */
function findRun(kv: KvSpace, from: u32, to: u32, n: u32): u32 {
  let start = from;
  let p = from;
  while (p < to) {
    if ((p & 31) === 0 && kv.used[p >>> 5] === FULL) {
      p += 32;
      start = p;
      continue;
    }
    if (isUsed(kv, p)) {
      start = p + 1;
    } else if (p + 1 - start === n) {
      return start;
    }
    p++;
  }
  return 0;
}

/**
 * `pages` contiguous free kernel virtual pages: the address of the first, or
 * 0 if no run is that long (or pages is 0). The pages are not mapped.
 */
export function kvAlloc(kv: KvSpace, pages: u32): usize {
  if (pages === 0 || pages > kv.free) return 0;
  let first = findRun(kv, kv.highFirst, TEMP_FIRST, pages);
  if (first === 0) first = findRun(kv, LOW_FIRST, LOW_END, pages);
  if (first === 0) return 0;
  setPages(kv, first, pages, true);
  kv.free -= pages;
  return first << PAGE_SHIFT;
}

/** Gives back pages kvAlloc or kvReserve took; anything else is refused and changes nothing. */
export function kvFree(kv: KvSpace, va: usize, pages: u32): KvResult {
  const r = rangeCheck(kv, va, pages);
  if (r !== KvResult.Ok) return r;
  const first = va >>> PAGE_SHIFT;
  for (let p = first; p < first + pages; p++) if (!isUsed(kv, p)) return KvResult.NotAllocated;
  setPages(kv, first, pages, false);
  kv.free += pages;
  return KvResult.Ok;
}

/** Takes pages at a fixed address (a mapping that must be there, e.g. the VGA text window). */
export function kvReserve(kv: KvSpace, va: usize, pages: u32): KvResult {
  const r = rangeCheck(kv, va, pages);
  if (r !== KvResult.Ok) return r;
  const first = va >>> PAGE_SHIFT;
  for (let p = first; p < first + pages; p++) if (isUsed(kv, p)) return KvResult.InUse;
  setPages(kv, first, pages, true);
  kv.free -= pages;
  return KvResult.Ok;
}

/** True if page `va` lies in one of the two ranges and kvAlloc or kvReserve took it. */
export function kvTaken(kv: KvSpace, va: usize): bool {
  return rangeCheck(kv, va & ~(PAGE_SIZE - 1), 1) === KvResult.Ok && isUsed(kv, va >>> PAGE_SHIFT);
}

/** A free temporary slot, now held: its address, or 0 if all TEMP_SLOTS are held. */
export function kvTempAcquire(kv: KvSpace): usize {
  for (let i: u32 = 0; i < TEMP_SLOTS; i++) {
    const bit = u32(1) << i;
    if ((kv.temp & bit) === 0) {
      kv.temp = kv.temp | bit;
      return TEMP_BASE + i * PAGE_SIZE;
    }
  }
  return 0;
}

/** True if `va` is a temporary slot that is held. */
export function kvTempHeld(kv: KvSpace, va: usize): bool {
  if (va < TEMP_BASE || va >= KLIMIT || (va & (PAGE_SIZE - 1)) !== 0) return false;
  return (kv.temp & (u32(1) << ((va - TEMP_BASE) >>> PAGE_SHIFT))) !== 0;
}

/** Gives a held slot back. */
export function kvTempRelease(kv: KvSpace, va: usize): KvResult {
  if (!kvTempHeld(kv, va)) return KvResult.NotTempSlot;
  kv.temp = kv.temp & ~(u32(1) << ((va - TEMP_BASE) >>> PAGE_SHIFT));
  return KvResult.Ok;
}

/** Slots held right now. */
export function kvTempInUse(kv: KvSpace): u32 {
  let n: u32 = 0;
  for (let i: u32 = 0; i < TEMP_SLOTS; i++) if ((kv.temp & (u32(1) << i)) !== 0) n++;
  return n;
}
