// kernel/mm/slab.ts: object caches over a pool of host pages that stands in
// for the kernel's page source. Checks every object against the pool (inside
// a pool page, aligned, not overlapping another live object), counts,
// allocate/free patterns, refused frees and exhaustion.

import {
  SLAB_MAX_OBJECTS,
  SlabCache,
  SlabResult,
  slabAlloc,
  slabCacheInit,
  slabFree,
  slabFreeObjects,
  slabShrink,
} from "../../kernel/mm/slab";
import { expect, expectU32, suite } from "./check";

const POOL_PAGES: u32 = 16;
const pool: Arr<u8, 65536> = zeroed({ align: 4096 });
/** Bit i: pool page i is handed out to a cache. */
let pagesOut: u32 = 0;
/** Pages the source may still hand out (exhaustion tests lower it). */
let pageBudget: u32 = POOL_PAGES;
let badReturns: u32 = 0;

function poolAlloc(): usize {
  if (pageBudget === 0) return 0;
  for (let i: u32 = 0; i < POOL_PAGES; i++) {
    if ((pagesOut & (u32(1) << i)) === 0) {
      pagesOut = pagesOut | (u32(1) << i);
      pageBudget--;
      const page = addr(pool) + i * 0x1000;
      memset(page, 0xa5, 0x1000); // a fresh page holds garbage
      return page;
    }
  }
  return 0;
}

function poolFree(va: usize): void {
  const i = (va - addr(pool)) >>> 12;
  if (va < addr(pool) || i >= POOL_PAGES || (va & 0xfff) !== 0 || (pagesOut & (u32(1) << i)) === 0) {
    badReturns++;
    return;
  }
  pagesOut = pagesOut & ~(u32(1) << i);
  pageBudget++;
}

function pagesHeld(): u32 {
  let n: u32 = 0;
  for (let i: u32 = 0; i < POOL_PAGES; i++) if ((pagesOut & (u32(1) << i)) !== 0) n++;
  return n;
}

const threads: SlabCache = zeroed();
const spaces: SlabCache = zeroed();
const tiny: SlabCache = zeroed();
const objects: Arr<u32, 1024> = zeroed();

/** Fills objects[0..n) from `cache`; checks each (in the pool, aligned, zeroed); writes its index into every word of it. */
function fill(cache: SlabCache, n: u32, align: u32, what: CStr): u32 {
  let got: u32 = 0;
  let bad: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const obj = slabAlloc(cache);
    objects[i] = obj;
    if (obj === 0) break;
    got++;
    if (obj < addr(pool) || obj + cache.objectSize > addr(pool) + pool.length) bad++;
    if ((obj & (align - 1)) !== 0) bad++;
    for (let off: u32 = 0; off < cache.objectSize; off += 4) {
      if (ptr<u32>(obj + off)[0] !== 0) bad++; // zero-filled
      ptr<u32>(obj + off)[0] = i;
    }
  }
  expectU32(bad, 0, what);
  return got;
}

/** Every live object still holds its own index: no two overlap, no header was overwritten. */
function intact(cache: SlabCache, n: u32, what: CStr): void {
  let bad: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const obj = objects[i];
    if (obj === 0) continue;
    for (let off: u32 = 0; off < cache.objectSize; off += 4) if (ptr<u32>(obj + off)[0] !== i) bad++;
  }
  expectU32(bad, 0, what);
}

function counts(cache: SlabCache, inUse: u32, slabs: u32, what: CStr): void {
  expectU32(cache.inUse, inUse, what);
  expectU32(cache.slabs, slabs, what);
  expectU32(slabFreeObjects(cache), slabs * cache.perSlab - inUse, what);
}

function setUpCaches(): void {
  pagesOut = 0;
  pageBudget = POOL_PAGES;
  badReturns = 0;
  expectU32(u32(slabCacheInit(threads, "thread", 200, 16, 0, poolAlloc, poolFree)), u32(SlabResult.Ok), "thread cache");
  expectU32(u32(slabCacheInit(spaces, "space", 60, 16, 3, poolAlloc, poolFree)), u32(SlabResult.Ok), "space cache, 3 slabs at most");
}

function sizes(): void {
  setUpCaches();
  expectU32(threads.objectSize, 208, "200 bytes aligned to 16: 208");
  expectU32(threads.perSlab, u32((0x1000 - threads.firstOffset) / 208), "objects per slab: what fits after the header");
  expect(threads.firstOffset >= 8 && (threads.firstOffset & 15) === 0, "the first object is aligned after the header");
  expectU32(spaces.objectSize, 64, "60 bytes aligned to 16: 64");
  expectU32(u32(slabCacheInit(tiny, "x", 0, 4, 0, poolAlloc, poolFree)), u32(SlabResult.BadSize), "size 0 refused");
  expectU32(u32(slabCacheInit(tiny, "x", 4096, 4, 0, poolAlloc, poolFree)), u32(SlabResult.BadSize), "a page-sized object refused (no room for the header)");
  expectU32(u32(slabCacheInit(tiny, "x", 64, 24, 0, poolAlloc, poolFree)), u32(SlabResult.BadAlign), "alignment 24 refused");
  expectU32(u32(slabCacheInit(tiny, "x", 64, 2, 0, poolAlloc, poolFree)), u32(SlabResult.BadAlign), "alignment 2 refused");
  expectU32(u32(slabCacheInit(tiny, "x", 4, 4, 0, poolAlloc, poolFree)), u32(SlabResult.Ok), "4-byte objects");
  expectU32(tiny.perSlab, SLAB_MAX_OBJECTS, "4-byte objects: capped by the header's bitmap");
  expectU32(fill(tiny, 300, 4, "4-byte objects: in the pool, aligned, zeroed"), 300, "300 4-byte objects");
  intact(tiny, 300, "4-byte objects do not overlap");
  expectU32(tiny.slabs, 2, "300 4-byte objects: two slabs");
}

function patterns(): void {
  setUpCaches();
  const per = threads.perSlab;
  const n = 3 * per + 1;
  expectU32(fill(threads, n, 16, "threads: in the pool, aligned, zeroed"), n, "threads: all allocated");
  counts(threads, n, 4, "threads: 3 full slabs and one with one object");
  intact(threads, n, "threads: no overlap");
  for (let i: u32 = 0; i < n; i += 2) expectU32(slabFree(threads, objects[i]), SlabResult.Ok, "free every other thread");
  const half = n - u32((n + 1) / 2);
  counts(threads, half, 4, "threads: every other freed, every slab still in use");
  const freed: Arr<u32, 1024> = zeroed();
  for (let i: u32 = 0; i < n; i += 2) freed[i] = objects[i];
  let reused: u32 = 0;
  for (let i: u32 = 0; i < n; i += 2) {
    const obj = slabAlloc(threads);
    for (let j: u32 = 0; j < n; j += 2) if (obj === freed[j]) reused++;
    objects[i] = obj;
    for (let off: u32 = 0; off < threads.objectSize; off += 4) ptr<u32>(obj + off)[0] = i;
  }
  expectU32(reused, u32((n + 1) / 2), "the freed slots are reused before a new slab");
  counts(threads, n, 4, "threads: refilled without growing");
  intact(threads, n, "threads: no overlap after reuse");
  for (let i = n; i > 0; i--) slabFree(threads, objects[i - 1]);
  counts(threads, 0, 1, "threads: all freed; one empty slab kept");
  expectU32(pagesHeld(), 1, "the other pages went back to the source");
  expectU32(fill(threads, per, 16, "threads: again from the kept slab"), per, "a slab's worth again");
  expectU32(pagesHeld(), 1, "no new page for it");
  for (let i: u32 = 0; i < per; i++) slabFree(threads, objects[i]);
  slabShrink(threads);
  counts(threads, 0, 0, "threads: shrunk to nothing");
  expectU32(pagesHeld(), 0, "every page back");
  expectU32(badReturns, 0, "the cache only returned pages it got, once each");
  expectU32(threads.allocs, threads.frees, "as many frees as allocations");
}

function refusals(): void {
  setUpCaches();
  const a = slabAlloc(threads);
  const b = slabAlloc(spaces);
  expectU32(slabFree(threads, 0), SlabResult.NotObject, "free 0: refused");
  expectU32(slabFree(threads, a + 4), SlabResult.NotObject, "free inside an object: refused");
  expectU32(slabFree(threads, a - threads.firstOffset), SlabResult.NotObject, "free the slab header: refused");
  expectU32(slabFree(threads, b), SlabResult.WrongCache, "free an object of another cache: refused");
  expectU32(slabFree(threads, addr(pool) + 15 * 0x1000), SlabResult.NotObject, "free in a page that is no slab: refused");
  expectU32(slabFree(threads, a + threads.objectSize), SlabResult.NotAllocated, "free an object never allocated: refused");
  expectU32(slabFree(threads, addr(pool) + threads.firstOffset + threads.perSlab * threads.objectSize), SlabResult.NotObject, "free past the last object: refused");
  counts(threads, 1, 1, "refused frees change nothing");
  expectU32(slabFree(threads, a), SlabResult.Ok, "free the object");
  expectU32(slabFree(threads, a), SlabResult.NotAllocated, "free it twice: refused");
  counts(threads, 0, 1, "one free counted");
  expectU32(threads.frees, 1, "frees counted once");
}

function exhaustion(): void {
  setUpCaches();
  const cap = 3 * spaces.perSlab;
  expectU32(fill(spaces, cap + 5, 16, "spaces: in the pool, aligned, zeroed"), cap, "spaces: 3 slabs' worth, then 0");
  expectU32(slabAlloc(spaces), 0, "spaces: at maxSlabs, allocation returns 0");
  expectU32(spaces.failures, 2, "spaces: failures counted");
  counts(spaces, cap, 3, "spaces: full");
  intact(spaces, cap, "spaces: no overlap");
  expectU32(slabFree(spaces, objects[7]), SlabResult.Ok, "spaces: free one");
  expect(slabAlloc(spaces) === objects[7], "spaces: and it can be allocated again");

  pageBudget = 2; // the page source runs dry
  const got = fill(threads, 1000, 16, "threads: in the pool until the source is dry");
  expectU32(got, 2 * threads.perSlab, "threads: two pages' worth, then 0");
  expectU32(threads.failures, 1, "threads: the failed allocation counted");
  pageBudget = 1;
  expect(slabAlloc(threads) !== 0, "threads: grows again once the source has a page");
}

export function testSlab(): void {
  suite("slab");
  sizes();
  patterns();
  refusals();
  exhaustion();
}
