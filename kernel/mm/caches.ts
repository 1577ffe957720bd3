// The kernel's object caches at run time: each kernel object type (threads,
// address spaces, later endpoints) owns a static SlabCache and creates it at
// boot with kernelCacheCreate(), which gives it kernel pages (mm/kpages.ts)
// as its page source and registers it, so that one report (`test=slab`, and
// the counts the tests compare before and after) covers every cache.

import { log, log8, LogLevel } from "../log";
import { fmtStr } from "../format";
import { panic1 } from "../panic";
import { kernelPageAlloc, kernelPageFree } from "./kpages";
import { SLAB_RESULTS, SlabCache, SlabResult, slabCacheInit } from "./slab";

/** Caches the registry holds at most. */
const MAX_CACHES: u32 = 8;

/** The registered caches' addresses, [0, registered). */
const registry: Arr<usize, 8> = zeroed();
let registered: u32 = 0;

/**
 * Creates `cache` for objects of `size` bytes aligned to `align`, backed by
 * kernel pages, and registers it. Panics if the size or alignment is wrong or
 * the registry is full: both are mistakes in the kernel, found at boot.
 */
export function kernelCacheCreate(cache: SlabCache, name: CStr, size: u32, align: u32): void {
  const r = slabCacheInit(cache, name, size, align, 0, kernelPageAlloc, kernelPageFree);
  if (r !== SlabResult.Ok) panic1("slab: cannot create a cache: %s", fmtStr(SLAB_RESULTS[r]));
  if (registered >= MAX_CACHES) panic1("slab: more than %u caches", MAX_CACHES);
  registry[registered] = addr(cache);
  registered++;
}

export function kernelCacheCount(): u32 {
  return registered;
}

/** Registered cache `i` (i < kernelCacheCount()). */
export function kernelCache(i: u32): SlabCache {
  return ref<SlabCache>(registry[i]);
}

/**
 * One line per cache:
 *   slab: NAME: IN_USE in use, SLABS slabs of PER objects of SIZE bytes, A allocs, F frees, X failures
 */
export function reportCaches(level: LogLevel): void {
  if (registered === 0) log(level, "slab: no caches\n");
  for (let i: u32 = 0; i < registered; i++) {
    const c = kernelCache(i);
    log8(
      level,
      "slab: %s: %u in use, %u slabs of %u objects of %u bytes, %u allocs, %u frees, %u failures\n",
      fmtStr(c.name), c.inUse, c.slabs, c.perSlab, c.objectSize, c.allocs, c.frees, c.failures,
    );
  }
}
