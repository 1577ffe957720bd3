// kernel/mm/kvspace.ts: kernel virtual pages in the spec's two ranges
// available for global mappings, and the temporary slots. Every page handed
// out is checked against the spec's ranges, independently of the allocator.

import { IMAGE_START } from "../../kernel/bootinfo";
import { KLIMIT } from "../../kernel/layout";
import {
  KvResult,
  KvSpace,
  TEMP_BASE,
  TEMP_SLOTS,
  kvAlloc,
  kvFree,
  kvInit,
  kvReserve,
  kvTempAcquire,
  kvTaken,
  kvTempHeld,
  kvTempInUse,
  kvTempRelease,
} from "../../kernel/mm/kvspace";
import { expect, expectU32, suite } from "./check";

const PAGE: u32 = 0x1000;
const kv: KvSpace = zeroed();
/** One bit per page below KLIMIT: handed out by the test's allocations. */
const seen: Arr<u32, 1024> = zeroed();

function allowed(va: u32, top: u32): bool {
  return (va >= 0x1000 && va < IMAGE_START) || (va >= top && va < TEMP_BASE);
}

/** Single pages until none is left: all allowed, none twice, high range first. */
function drain(top: u32, what: CStr): u32 {
  memset(addr(seen), 0, seen.length * 4);
  let n: u32 = 0;
  let bad: u32 = 0;
  let inLow = false;
  for (;;) {
    const va = kvAlloc(kv, 1);
    if (va === 0) break;
    const bit = u32(1) << ((va >>> 12) & 31);
    if ((va & (PAGE - 1)) !== 0 || !allowed(va, top) || (seen[va >>> 17] & bit) !== 0) bad++;
    if (va < IMAGE_START) inLow = true;
    else if (inLow) bad++; // a high page after a low one: the high range was not used up first
    seen[va >>> 17] = seen[va >>> 17] | bit;
    if (++n > 0x8000) break;
  }
  expectU32(bad, 0, what);
  expectU32(kv.free, 0, "drained: free count 0");
  return n;
}

function ranges(): void {
  const top: u32 = 0x11b000;
  expectU32(u32(kvInit(kv, top)), u32(KvResult.Ok), "init at kernel_region_top 0x11b000");
  const want = u32((IMAGE_START - 0x1000) / PAGE) + u32((TEMP_BASE - top) / PAGE);
  expectU32(kv.total, want, "total: both ranges, without page 0, the kernel region and the slots");
  expect(!kvTaken(kv, top), "kvTaken: a free page is not taken");
  expectU32(kvAlloc(kv, 1), top, "the first page is kernel_region_top");
  expect(kvTaken(kv, top) && kvTaken(kv, top + 0x123), "kvTaken: the page handed out, any address in it");
  expect(!kvTaken(kv, 0) && !kvTaken(kv, IMAGE_START) && !kvTaken(kv, TEMP_BASE), "kvTaken: never page 0, the kernel region or a slot");
  expectU32(kvFree(kv, top, 1), KvResult.Ok, "and it goes back");
  expect(!kvTaken(kv, top), "kvTaken: given back");
  expectU32(drain(top, "every page allowed, none twice, high range first"), want, "every allocatable page handed out");
  expect((seen[0] & 1) === 0, "page 0 never handed out");
  expect((seen[0] & 2) !== 0, "page 1 (0x1000) is");
  expectU32(kvAlloc(kv, 1), 0, "exhausted: 0");
}

function runs(): void {
  const top: u32 = 0x200000;
  kvInit(kv, top);
  const a = kvAlloc(kv, 3);
  const b = kvAlloc(kv, 5);
  expectU32(a, top, "a run of 3 at the bottom of the high range");
  expectU32(b, top + 3 * PAGE, "the next run right after");
  expectU32(kv.free, kv.total - 8, "8 pages taken");
  expectU32(kvFree(kv, a, 3), KvResult.Ok, "free the first run");
  expectU32(kvAlloc(kv, 4), b + 5 * PAGE, "a run of 4 does not fit the hole of 3");
  expectU32(kvAlloc(kv, 2), a, "a run of 2 does: first fit");
  expectU32(kvAlloc(kv, 1), a + 2 * PAGE, "and a single page fills it");
  // Take the whole high range, then runs come from the low range and never span the kernel region.
  kvInit(kv, top);
  const high = u32((TEMP_BASE - top) / PAGE);
  expectU32(kvAlloc(kv, high + 1), 0, "a run longer than the high range does not exist");
  expectU32(kvAlloc(kv, high), top, "the whole high range is one run");
  expectU32(kvAlloc(kv, 256), 0, "the low range has 255 pages, not 256");
  expectU32(kvAlloc(kv, 255), 0x1000, "all 255 of them, from 0x1000");
  expectU32(kv.free, 0, "nothing left");
  expectU32(kvFree(kv, IMAGE_START - PAGE, 1), KvResult.Ok, "the last low page back");
  expectU32(kvFree(kv, top, 1), KvResult.Ok, "the first high page back");
  expectU32(kvAlloc(kv, 2), 0, "two free pages on both sides of the kernel region are not a run");
  expectU32(kvAlloc(kv, 1), top, "single pages: high first");
  expectU32(kvAlloc(kv, 1), IMAGE_START - PAGE, "then low");
}

function refusals(): void {
  const top: u32 = 0x11b000;
  kvInit(kv, top);
  const va = kvAlloc(kv, 2);
  const free = kv.free;
  expectU32(kvFree(kv, va + 1, 1), KvResult.Misaligned, "free: misaligned");
  expectU32(kvFree(kv, va, 0), KvResult.Empty, "free: zero pages");
  expectU32(kvFree(kv, 0, 1), KvResult.OutsideRanges, "free: page 0");
  expectU32(kvFree(kv, 0x101000, 1), KvResult.OutsideRanges, "free: the kernel region");
  expectU32(kvFree(kv, IMAGE_START - PAGE, 2), KvResult.OutsideRanges, "free: across the kernel region");
  expectU32(kvFree(kv, TEMP_BASE, 1), KvResult.OutsideRanges, "free: a temporary slot");
  expectU32(kvFree(kv, KLIMIT, 1), KvResult.OutsideRanges, "free: user space");
  expectU32(kvFree(kv, TEMP_BASE - PAGE, 2), KvResult.OutsideRanges, "free: into the slots");
  expectU32(kvFree(kv, va, 3), KvResult.NotAllocated, "free: more pages than were taken");
  expectU32(kv.free, free, "refused frees change nothing");
  expectU32(kvFree(kv, va, 2), KvResult.Ok, "free: the run itself");
  expectU32(kvFree(kv, va, 2), KvResult.NotAllocated, "free: the same run twice");
  expectU32(kvFree(kv, va + PAGE, 1), KvResult.NotAllocated, "free: a page of it again");

  kvInit(kv, top);
  expectU32(kvReserve(kv, 0xb8000, 1), KvResult.Ok, "reserve the VGA page");
  expectU32(kvReserve(kv, 0xb7000, 2), KvResult.InUse, "reserve over it: in use");
  expectU32(kvReserve(kv, 0, 1), KvResult.OutsideRanges, "reserve page 0: refused");
  expectU32(kvReserve(kv, 0x100000, 1), KvResult.OutsideRanges, "reserve in the kernel region: refused");
  expectU32(kv.free, kv.total - 1, "one page reserved");
  drain(top, "with the VGA page reserved: every page allowed, none twice");
  expect((seen[0xb8 >>> 5] & (u32(1) << (0xb8 & 31))) === 0, "the reserved VGA page is never handed out");

  expectU32(u32(kvInit(kv, 0x11b800)), u32(KvResult.BadRegionTop), "init: kernel_region_top misaligned");
  expectU32(u32(kvInit(kv, 0xff000)), u32(KvResult.BadRegionTop), "init: kernel_region_top below image_start");
  expectU32(u32(kvInit(kv, TEMP_BASE + PAGE)), u32(KvResult.BadRegionTop), "init: kernel_region_top inside the slots");
  expectU32(u32(kvInit(kv, TEMP_BASE)), u32(KvResult.Ok), "init: a kernel region up to the slots");
  expectU32(kv.total, 255, "then only the low range is left");
}

function tempSlots(): void {
  kvInit(kv, 0x11b000);
  let bad: u32 = 0;
  let mask: u32 = 0;
  for (let i: u32 = 0; i < TEMP_SLOTS; i++) {
    const va = kvTempAcquire(kv);
    if (va < TEMP_BASE || va >= KLIMIT || (va & (PAGE - 1)) !== 0) bad++;
    else mask = mask | (u32(1) << ((va - TEMP_BASE) >>> 12));
  }
  expectU32(bad, 0, "slots lie in [TEMP_BASE, KLIMIT), page aligned");
  expectU32(mask, 0xffff, "16 different slots");
  expectU32(kvTempInUse(kv), TEMP_SLOTS, "all held");
  expectU32(kvTempAcquire(kv), 0, "a 17th: 0");
  expectU32(kvTempRelease(kv, TEMP_BASE + 5 * PAGE), KvResult.Ok, "release slot 5");
  expect(!kvTempHeld(kv, TEMP_BASE + 5 * PAGE), "slot 5 is no longer held");
  expectU32(kvTempRelease(kv, TEMP_BASE + 5 * PAGE), KvResult.NotTempSlot, "release it twice: refused");
  expectU32(kvTempRelease(kv, TEMP_BASE + 5 * PAGE + 4), KvResult.NotTempSlot, "release inside a slot: refused");
  expectU32(kvTempRelease(kv, 0x200000), KvResult.NotTempSlot, "release an ordinary page: refused");
  expectU32(kvTempAcquire(kv), TEMP_BASE + 5 * PAGE, "the freed slot comes back");
  const free = kv.free;
  expectU32(kvAlloc(kv, 1), 0x11b000, "slots do not take kernel pages");
  expectU32(kv.free, free - 1, "and kernel pages do not take slots");
}

export function testKvSpace(): void {
  suite("kvspace");
  ranges();
  runs();
  refusals();
  tempSlots();
}
