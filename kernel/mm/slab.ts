// Object caches for kernel objects (threads, address spaces, later
// endpoints): one cache per object type, each carving pages into equal
// slots, in the manner of Bonwick's slab allocator without constructors.
//
// A slab is one page, mapped in the kernel half: a header (Slab, below) at
// its start, then perSlab objects. The page comes from the cache's page
// source, two function references the kernel supplies (in the kernel: a
// frame from frames.ts mapped at a page from kvspace.ts; on the host: a
// buffer), so this file stays pure. Because slabs are page aligned, the slab
// of an object is its address rounded down to the page: freeing is O(1).
//
// A slab is on exactly one of its cache's lists: `partial` (some objects
// free, some used), `full` (none free) or `empty` (all free; at most one is
// kept, so a cache that shrinks and grows again does not trade pages back and
// forth; the rest go back to the page source at once).
//
// Costs: alloc O(perSlab / 32) to find a free bit, plus zeroing the object;
// free O(1) plus the list moves; no search over slabs. Exhaustion (the page
// source returns 0, or the cache reached maxSlabs) is an allocation that
// returns 0 and is counted in `failures`, never a crash.

import { PAGE_SIZE } from "../layout";

/** Returns a mapped, writable, page-aligned kernel page, or 0 if there is none. */
export type SlabPageAlloc = () => usize;
/** Takes back a page a SlabPageAlloc returned. */
export type SlabPageFree = (va: usize) => void;

/** Objects per slab at most: the header's bitmap has this many bits. */
export const SLAB_MAX_OBJECTS: u32 = 256;
const SLAB_MAGIC: u32 = 0x51ab51ab;
const FULL: u32 = 0xffffffff;

/**
 * One page of objects. Invariant: bit i of `used` is 1 iff object i is
 * allocated, inUse is the number of 1 bits, and the slab is on the cache's
 * list that inUse says (0: empty, perSlab: full, else partial).
 */
interface Slab {
  magic: u32;
  cache: SlabCache;
  next: Slab | null;
  prev: Slab | null;
  inUse: u32;
  used: Arr<u32, 8>;
}

const HEADER: u32 = sizeOf<Slab>();

/**
 * A cache of objects of one size. Counts: inUse objects handed out, slabs
 * pages held (objects free = slabs * perSlab - inUse), allocs/frees that
 * succeeded, failures = allocations that returned 0.
 */
export interface SlabCache {
  name: CStr;
  objectSize: u32;
  /** Offset of object 0 in a slab (the header, rounded up to the alignment). */
  firstOffset: u32;
  perSlab: u32;
  /** Slabs the cache may hold at most; 0 = as many as the page source gives. */
  maxSlabs: u32;
  pageAlloc: SlabPageAlloc;
  pageFree: SlabPageFree;
  partial: Slab | null;
  full: Slab | null;
  empty: Slab | null;
  inUse: u32;
  slabs: u32;
  allocs: u32;
  frees: u32;
  failures: u32;
}

export const enum SlabResult {
  Ok = 0,
  BadSize,
  BadAlign,
  NotObject,
  WrongCache,
  NotAllocated,
}

/** What each result means (indexed by SlabResult). */
export const SLAB_RESULTS: readonly CStr[] = [
  "ok",
  "the object size must be 4 bytes at least and fit a page with the slab header",
  "the alignment must be a power of two, 4 to 256 bytes",
  "the address is not an object of any slab",
  "the object belongs to another cache",
  "the object is not allocated (a double free?)",
];

/**
 * Sets up `cache` for objects of `size` bytes aligned to `align`. The size
 * is rounded up to the alignment so every object is aligned.
 */
export function slabCacheInit(
  cache: SlabCache,
  name: CStr,
  size: u32,
  align: u32,
  maxSlabs: u32,
  pageAlloc: SlabPageAlloc,
  pageFree: SlabPageFree,
): SlabResult {
  if (align < 4 || align > 256 || (align & (align - 1)) !== 0) return SlabResult.BadAlign;
  const objectSize = (size + align - 1) & ~(align - 1);
  const firstOffset = (HEADER + align - 1) & ~(align - 1);
  if (size < 4 || size > PAGE_SIZE || objectSize > PAGE_SIZE - firstOffset) return SlabResult.BadSize;
  const fit = u32((PAGE_SIZE - firstOffset) / objectSize);
  cache.name = name;
  cache.objectSize = objectSize;
  cache.firstOffset = firstOffset;
  cache.perSlab = fit < SLAB_MAX_OBJECTS ? fit : SLAB_MAX_OBJECTS;
  cache.maxSlabs = maxSlabs;
  cache.pageAlloc = pageAlloc;
  cache.pageFree = pageFree;
  cache.partial = null;
  cache.full = null;
  cache.empty = null;
  cache.inUse = 0;
  cache.slabs = 0;
  cache.allocs = 0;
  cache.frees = 0;
  cache.failures = 0;
  return SlabResult.Ok;
}

function unlink(cache: SlabCache, s: Slab): void {
  if (s.prev !== null) s.prev.next = s.next;
  else if (cache.partial === s) cache.partial = s.next;
  else if (cache.full === s) cache.full = s.next;
  else if (cache.empty === s) cache.empty = s.next;
  if (s.next !== null) s.next.prev = s.prev;
  s.next = null;
  s.prev = null;
}

function pushPartial(cache: SlabCache, s: Slab): void {
  s.next = cache.partial;
  s.prev = null;
  if (cache.partial !== null) cache.partial.prev = s;
  cache.partial = s;
}

function pushFull(cache: SlabCache, s: Slab): void {
  s.next = cache.full;
  s.prev = null;
  if (cache.full !== null) cache.full.prev = s;
  cache.full = s;
}

/** A new slab from the page source, or null (exhausted). */
function grow(cache: SlabCache): Slab | null {
  if (cache.maxSlabs !== 0 && cache.slabs >= cache.maxSlabs) return null;
  const page = cache.pageAlloc();
  if (page === 0) return null;
  const s = ref<Slab>(page);
  memset(page, 0, HEADER);
  s.magic = SLAB_MAGIC;
  s.cache = cache;
  cache.slabs++;
  return s;
}

function release(cache: SlabCache, s: Slab): void {
  s.magic = 0;
  cache.slabs--;
  cache.pageFree(addr(s));
}

/** A zero-filled object, or 0 when the cache cannot grow. */
export function slabAlloc(cache: SlabCache): usize {
  let s = cache.partial;
  if (s === null) {
    s = cache.empty;
    if (s !== null) unlink(cache, s);
    else s = grow(cache);
    if (s === null) {
      cache.failures++;
      return 0;
    }
    pushPartial(cache, s);
  }
  let w: u32 = 0;
  while (s.used[w] === FULL) w++;
  let bit: u32 = 0;
  while ((s.used[w] & (u32(1) << bit)) !== 0) bit++;
  s.used[w] = s.used[w] | (u32(1) << bit);
  s.inUse++;
  if (s.inUse === cache.perSlab) {
    unlink(cache, s);
    pushFull(cache, s);
  }
  cache.inUse++;
  cache.allocs++;
  const obj = addr(s) + cache.firstOffset + ((w << 5) + bit) * cache.objectSize;
  memset(obj, 0, cache.objectSize);
  return obj;
}

/**
 * Gives back an object slabAlloc(cache) returned. Anything else -- 0, an
 * address inside an object, an object of another cache, one already freed --
 * is refused and changes nothing. The address must lie in a mapped page
 * (in the kernel, anything else was never an object and faults).
 */
export function slabFree(cache: SlabCache, obj: usize): SlabResult {
  if (obj === 0) return SlabResult.NotObject;
  const s = ref<Slab>(obj & ~(PAGE_SIZE - 1));
  if (s.magic !== SLAB_MAGIC) return SlabResult.NotObject;
  if (s.cache !== cache) return SlabResult.WrongCache;
  const offset = (obj & (PAGE_SIZE - 1)) - cache.firstOffset;
  if ((obj & (PAGE_SIZE - 1)) < cache.firstOffset || offset % cache.objectSize !== 0) return SlabResult.NotObject;
  const index = u32(offset / cache.objectSize);
  if (index >= cache.perSlab) return SlabResult.NotObject;
  const mask = u32(1) << (index & 31);
  if ((s.used[index >>> 5] & mask) === 0) return SlabResult.NotAllocated;
  s.used[index >>> 5] = s.used[index >>> 5] & ~mask;
  const wasFull = s.inUse === cache.perSlab;
  s.inUse--;
  cache.inUse--;
  cache.frees++;
  if (s.inUse === 0) {
    unlink(cache, s);
    if (cache.empty === null) cache.empty = s;
    else release(cache, s);
  } else if (wasFull) {
    unlink(cache, s);
    pushPartial(cache, s);
  }
  return SlabResult.Ok;
}

/** Returns the kept empty slab, if any, to the page source. */
export function slabShrink(cache: SlabCache): void {
  const s = cache.empty;
  if (s === null) return;
  cache.empty = null;
  release(cache, s);
}

/** Objects the cache's slabs hold that are not handed out. */
export function slabFreeObjects(cache: SlabCache): u32 {
  return cache.slabs * cache.perSlab - cache.inUse;
}
