// The stand-ins the address-space host tests build spaces from: the kernel's
// initial address space in a buffer (built by the kernel's own
// buildKernelSpace, as at a 128 MB boot), a pool of 40 "physical" frames at
// 0x40000000 (above 1 GB, where the kernel reaches frames only through
// temporary mappings) with a frame budget and an open budget that make
// allocations fail on purpose, and a slab cache over two host pages. Every
// frame handed out is filled with garbage, so nothing may rely on zeroed
// memory; every open must be closed, and only pool frames may be opened.

import { PageTables } from "../../kernel/i686/paging";
import { kernelRegionTopFor } from "../../kernel/mm/bootarea";
import { SlabCache, SlabResult, slabCacheInit } from "../../kernel/mm/slab";
import { AddressSpace, SpaceEnv } from "../../kernel/mm/space";
import { KernelSpace, buildKernelSpace } from "../../kernel/mm/vm";
import { expect } from "./check";

export const BOOT_END: u32 = 0x119000;
export const POOL_BASE: u32 = 0x40000000;
export const POOL_FRAMES: u32 = 40;
export const UNLIMITED: u32 = 0xffffffff;
const GARBAGE: u8 = 0xa5;

const kernelStore: Arr<u8, 135168> = zeroed({ align: 4096 });
const pool: Arr<u8, 163840> = zeroed({ align: 4096 });
const slabPages: Arr<u8, 8192> = zeroed({ align: 4096 });

export const kernel: PageTables = zeroed();
const ks: KernelSpace = zeroed();
export const cache: SlabCache = zeroed();
export const env: SpaceEnv = zeroed();

const used: Arr<u8, 40> = zeroed();
let slabUsed: u32 = 0;
/** Frames the pool may still hand out, opens that may still succeed (UNLIMITED: no limit). */
export let frameBudget: u32 = UNLIMITED;
export let openBudget: u32 = UNLIMITED;
export let openNow: u32 = 0;
export let openMost: u32 = 0;
/** Opens of frames outside the pool, closes of addresses outside it, frees of frames not handed out. */
export let badOpens: u32 = 0;
export let badCloses: u32 = 0;
export let badFrees: u32 = 0;
/** machineLogLength() when the last frame came back (to check that invlpg came first). */
export let lastFreeAt: u32 = 0;

export function setFrameBudget(n: u32): void {
  frameBudget = n;
}

export function setOpenBudget(n: u32): void {
  openBudget = n;
}

export function inPool(pa: usize): bool {
  return pa >= POOL_BASE && pa < POOL_BASE + POOL_FRAMES * 0x1000 && (pa & 0xfff) === 0;
}

/** Where the test reads a pool frame's bytes. */
export function poolAt(pa: usize): usize {
  return addr(pool) + (pa - POOL_BASE);
}

export function frameUsed(pa: usize): bool {
  return inPool(pa) && used[(pa - POOL_BASE) >>> 12] !== 0;
}

export function framesUsed(): u32 {
  let n: u32 = 0;
  for (let i: u32 = 0; i < POOL_FRAMES; i++) if (used[i] !== 0) n++;
  return n;
}

function poolAlloc(): usize {
  if (frameBudget === 0) return 0;
  for (let i: u32 = 0; i < POOL_FRAMES; i++) {
    if (used[i] !== 0) continue;
    used[i] = 1;
    if (frameBudget !== UNLIMITED) frameBudget--;
    memset(addr(pool) + i * 0x1000, GARBAGE, 0x1000);
    return POOL_BASE + i * 0x1000;
  }
  return 0;
}

function poolFree(pa: usize): bool {
  if (!frameUsed(pa)) {
    badFrees++;
    return false;
  }
  used[(pa - POOL_BASE) >>> 12] = 0;
  lastFreeAt = machineLogLength();
  return true;
}

function poolOpen(pa: usize): usize {
  if (openBudget === 0) return 0;
  if (openBudget !== UNLIMITED) openBudget--;
  if (!inPool(pa)) {
    badOpens++;
    return 0;
  }
  openNow++;
  if (openNow > openMost) openMost = openNow;
  return poolAt(pa);
}

function poolClose(va: usize): void {
  if (va < addr(pool) || va >= addr(pool) + pool.length) badCloses++;
  else openNow--;
}

function slabPageAlloc(): usize {
  for (let i: u32 = 0; i < 2; i++) {
    if ((slabUsed & (u32(1) << i)) !== 0) continue;
    slabUsed = slabUsed | (u32(1) << i);
    memset(addr(slabPages) + i * 0x1000, GARBAGE, 0x1000);
    return addr(slabPages) + i * 0x1000;
  }
  return 0;
}

function slabPageFree(va: usize): void {
  slabUsed = slabUsed & ~(u32(1) << ((va - addr(slabPages)) >>> 12));
}

/** A frame the test hands to a space (as a caller would: it came from the allocator). */
export function takeFrame(): usize {
  const pa = poolAlloc();
  expect(pa !== 0, "the pool has a frame for the test");
  return pa;
}

/** Everything as new: the kernel half built, the pool empty, the budgets lifted, the cache empty. */
export function spaceFixture(): void {
  memset(addr(kernelStore), GARBAGE, kernelStore.length);
  ks.imageStart = 0x100000;
  ks.readOnlyEnd = 0x105000;
  ks.bootEnd = BOOT_END;
  ks.kernelRegionTop = u32(kernelRegionTopFor(u64(BOOT_END), 4240));
  ks.kv = null;
  kernel.directory = BOOT_END;
  kernel.window = addr(kernelStore) - BOOT_END;
  buildKernelSpace(kernel, ks);
  memset(addr(used), 0, used.length);
  frameBudget = UNLIMITED;
  openBudget = UNLIMITED;
  openNow = 0;
  openMost = 0;
  badOpens = 0;
  badCloses = 0;
  badFrees = 0;
  slabUsed = 0;
  const r = slabCacheInit(cache, "address space", sizeOf<AddressSpace>(), 16, 0, slabPageAlloc, slabPageFree);
  expect(r === SlabResult.Ok, "the host cache");
  env.kernel = kernel;
  env.cache = cache;
  env.frameAlloc = poolAlloc;
  env.frameFree = poolFree;
  env.frameOwned = frameUsed;
  env.open = poolOpen;
  env.close = poolClose;
  env.refusedFrees = 0;
}

/** Opens balanced, none of a foreign frame, no foreign close, no refused free. */
export function expectClean(what: CStr): void {
  expect(openNow === 0 && badOpens === 0 && badCloses === 0 && badFrees === 0 && env.refusedFrees === 0, what);
}
