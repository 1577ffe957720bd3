// The kernel's address spaces at run time: the slab cache their objects come
// from ("address space", created through caches.ts so that its counts are
// reported with every other cache) and the SpaceEnv that space.ts works
// through -- frames from the kernel's frame allocator, reached through the
// temporary slots (kernel/i686/kmap.ts), since a directory or a table may be
// any frame below 4 GiB and only the kernel region is mapped 1:1. Glue only,
// like kpages.ts: the rules are in space.ts and spacemap.ts.
//
// The temporary slots are shared: space operations run with interrupts off
// or from code that cannot be preempted while a slot is held (the same rule
// as every other user of the slots).
// tsuki: optimize for size

import { mapTemporary, unmapTemporary } from "../i686/kmap";
import { PageTables } from "../i686/paging";
import { kernelCacheCreate } from "./caches";
import { FrameAllocator, FrameResult, frameAlloc, frameAllocated, frameFree } from "./frames";
import { KvSpace } from "./kvspace";
import { SlabCache } from "./slab";
import { AddressSpace, SpaceEnv } from "./space";

let frames: FrameAllocator | null = null;
let kv: KvSpace | null = null;
let tables: PageTables | null = null;

const cache: SlabCache = zeroed();
const env: SpaceEnv = zeroed();

function allocFrame(): usize {
  const fa = frames;
  return fa === null ? 0 : frameAlloc(fa);
}

function freeFrame(pa: usize): bool {
  const fa = frames;
  return fa !== null && frameFree(fa, pa) === FrameResult.Ok;
}

function ownedFrame(pa: usize): bool {
  const fa = frames;
  return fa !== null && frameAllocated(fa, pa);
}

function openFrame(pa: usize): usize {
  const t = tables;
  const v = kv;
  return t === null || v === null ? 0 : mapTemporary(t, v, pa);
}

function closeFrame(va: usize): void {
  const t = tables;
  const v = kv;
  if (t !== null && v !== null) unmapTemporary(t, v, va);
}

/**
 * At boot, after kernel pages work (kernelPagesInit): the allocators and
 * the kernel's page tables, whose directory every space copies its kernel
 * half from, and the address-space cache.
 */
export function addressSpacesInit(fa: FrameAllocator, v: KvSpace, t: PageTables): void {
  frames = fa;
  kv = v;
  tables = t;
  kernelCacheCreate(cache, "address space", sizeOf<AddressSpace>(), 16);
  env.kernel = t;
  env.cache = cache;
  env.frameAlloc = allocFrame;
  env.frameFree = freeFrame;
  env.frameOwned = ownedFrame;
  env.open = openFrame;
  env.close = closeFrame;
  env.refusedFrees = 0;
}

/** What the kernel's spaces are made from: pass it to spaceCreate. */
export function kernelSpaceEnv(): SpaceEnv {
  return env;
}

/** The cache of AddressSpace objects (its counts: the tests compare them before and after). */
export function addressSpaceCache(): SlabCache {
  return cache;
}
