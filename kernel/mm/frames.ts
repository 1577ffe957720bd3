// The page-frame allocator: hands out every usable 4 KiB frame of RAM below
// 4 GiB, one at a time, including frames above KLIMIT that the kernel never
// maps permanently (it reaches them through temporary mappings).
//
// Built from the kernel's physical memory map (physmap.ts): each Available
// region, clipped to [PAGE_SIZE, 4 GiB) and shrunk to whole pages, becomes a
// zone. Frame 0 is never handed out: it holds the real-mode IVT and the BIOS
// data area (Linux reserves it too), and 0 is then free to mean "no frame".
// Available RAM at or above 4 GiB is counted (highFrames) and never handed
// out: without PAE a page table entry cannot name it.
//
// One bit per frame, 1 = allocated, in one bitmap; each zone owns whole
// words of it. The bitmap is filled lazily, so set-up writes only the zone
// array -- O(map regions), whatever the amount of RAM:
//
//   zone frames [0, fresh)       have stored bits (1 = allocated, 0 = free: a hole)
//   zone frames [fresh, frames)  were never handed out; they are free and their
//                                bits are not stored (the words hold garbage)
//
// Taking frame `fresh` stores its word first (all ones) when it starts a
// word, so the word of every frame below fresh is valid. Freeing clears a bit
// and makes a hole; allocation prefers holes (reuse keeps the stored part of
// the bitmap small) and finds one by scanning words from the zone's hint.
//
// Costs: set-up O(regions); alloc O(zones) plus the scan, which skips whole
// words and never rescans a full word until a free below it moves the hint
// back (worst case: every stored word of one zone, 32 frames per word);
// free O(zones). Storage: frameStorageBytes(), about 1 bit per frame of RAM
// below 4 GiB (128 KiB for 4 GiB), plus one FrameZone per zone.
//
// Pure: no hardware, no mappings. The kernel supplies the storage (it is
// sized from the map before the kernel region is final; see
// frameStorageBytes) and tests/kernel-host/frames.ts drives it on the host.

import { MemoryType, RegionList, regionAt } from "./physmap";

export const FRAME_SIZE: u32 = 0x1000;
const FRAME_SHIFT: u32 = 12;
const FOUR_GIB: u64 = 0x100000000n;
const FULL: u32 = 0xffffffff;

/** One run of usable frames, [base, base + frames * FRAME_SIZE). */
export interface FrameZone {
  /** Physical address of the zone's first frame (page aligned, never 0). */
  base: u32;
  frames: u32;
  /** Index of the zone's first word in the bitmap; frame i's bit is word + i/32, bit i%32. */
  word: u32;
  /** Frames [fresh, frames) were never handed out: free, their bits not stored. */
  fresh: u32;
  /** Free frames below fresh: the 0 bits of the stored words. */
  holes: u32;
  /** Every stored word of the zone before word + hint is full. */
  hint: u32;
}

const ZONE_SIZE: u32 = sizeOf<FrameZone>();

/**
 * The allocator. Invariants: free = sum over zones of (frames - fresh +
 * holes); free <= usable = sum of zone frames; zones are sorted by base and
 * disjoint. highFrames counts whole frames of Available RAM at or above 4 GiB.
 */
export interface FrameAllocator {
  zones: usize;
  zoneCount: u32;
  bitmap: usize;
  usable: u32;
  free: u32;
  highFrames: u64;
}

export const enum FrameResult {
  Ok = 0,
  Misaligned,
  NotManaged,
  NotAllocated,
  StorageTooSmall,
}

/** What each result means (indexed by FrameResult). */
export const FRAME_RESULTS: readonly CStr[] = [
  "ok",
  "the address is not page aligned",
  "the frame is not usable RAM below 4 GiB that the allocator manages",
  "the frame is not allocated (a double free?)",
  "the allocator's storage is too small or not 4-byte aligned",
];

/** Whole frames of an Available region below 4 GiB: out.base (0: none) and out.frames. */
function lowPart(start: u64, end: u64, out: FrameZone): void {
  let s = (start + u64(FRAME_SIZE - 1)) & ~u64(FRAME_SIZE - 1);
  if (s < u64(FRAME_SIZE)) s = u64(FRAME_SIZE);
  let e = end < FOUR_GIB ? end : FOUR_GIB;
  e = e & ~u64(FRAME_SIZE - 1);
  out.base = 0;
  out.frames = 0;
  if (e <= s) return;
  out.base = u32(s);
  out.frames = u32((e - s) >> 12n);
}

/** Whole frames of [start, end) at or above 4 GiB. */
function highPart(start: u64, end: u64): u64 {
  let s = start > FOUR_GIB ? start : FOUR_GIB;
  s = (s + u64(FRAME_SIZE - 1)) & ~u64(FRAME_SIZE - 1);
  const e = end & ~u64(FRAME_SIZE - 1);
  return e > s ? (e - s) >> 12n : 0n;
}

function wordsFor(frames: u32): u32 {
  return (frames >>> 5) + ((frames & 31) !== 0 ? 1 : 0);
}

/**
 * Bytes of storage the allocator needs for `map`, plus room for `extraSplits`
 * more claims cutting its Available regions. Why the slack: the kernel sizes
 * the storage from the firmware map, places it in the initial page
 * allocations, and only then builds its own map, whose claims (image, boot
 * data, page tables, initrd) can only shrink Available regions or split one
 * in two -- each split adds at most one zone and one word.
 */
export function frameStorageBytes(map: RegionList, extraSplits: u32): u32 {
  const z: FrameZone = zeroed();
  let zones = extraSplits;
  let words = extraSplits;
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    if (r.type !== MemoryType.Available) continue;
    lowPart(r.start, r.end, z);
    if (z.frames === 0) continue;
    zones++;
    words += wordsFor(z.frames);
  }
  return zones * ZONE_SIZE + words * 4;
}

function zoneAt(fa: FrameAllocator, i: u32): FrameZone {
  return ref<FrameZone>(fa.zones + i * ZONE_SIZE);
}

function wordAt(fa: FrameAllocator, zone: FrameZone, w: u32): usize {
  return fa.bitmap + (zone.word + w) * 4;
}

/**
 * Sets up `fa` over the Available regions of `map` with `bytes` bytes at
 * `storage` (4-byte aligned; frameStorageBytes(map, 0) at least). Writes
 * only the zone array: the bitmap part of the storage may hold garbage.
 */
export function frameAllocatorInit(fa: FrameAllocator, map: RegionList, storage: usize, bytes: u32): FrameResult {
  if ((storage & 3) !== 0 || frameStorageBytes(map, 0) > bytes) return FrameResult.StorageTooSmall;
  const part: FrameZone = zeroed();
  let zones: u32 = 0;
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    if (r.type !== MemoryType.Available) continue;
    lowPart(r.start, r.end, part);
    if (part.frames === 0) continue;
    const z = ref<FrameZone>(storage + zones * ZONE_SIZE);
    z.base = part.base;
    z.frames = part.frames;
    zones++;
  }
  fa.zones = storage;
  fa.zoneCount = zones;
  fa.bitmap = storage + zones * ZONE_SIZE;
  fa.usable = 0;
  fa.highFrames = 0n;
  let word: u32 = 0;
  for (let i: u32 = 0; i < zones; i++) {
    const z = zoneAt(fa, i);
    z.word = word;
    z.fresh = 0;
    z.holes = 0;
    z.hint = 0;
    word += wordsFor(z.frames);
    fa.usable += z.frames;
  }
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    if (r.type === MemoryType.Available) fa.highFrames += highPart(r.start, r.end);
  }
  fa.free = fa.usable;
  return FrameResult.Ok;
}

/** Index of the lowest 0 bit of a word that is not full. */
function lowestClear(word: u32): u32 {
  let bit: u32 = 0;
  while ((word & (u32(1) << bit)) !== 0) bit++;
  return bit;
}

/**
 * Takes the first hole of `zone` at frame index `first` or above: frameAlloc
 * starts at the hint (and moves it), frameAllocAbove at its floor. 0 if there
 * is none -- from the hint on, unreachable while zone.holes > 0.
 */
function takeHole(fa: FrameAllocator, zone: FrameZone, first: u32): u32 {
  const stored = wordsFor(zone.fresh);
  for (let w = first >>> 5; w < stored; w++) {
    const bits = ptr<u32>(wordAt(fa, zone, w));
    // Frames at or past fresh have 1 bits in the last stored word: never taken here.
    const clear = ~bits[0] & (w === first >>> 5 ? FULL << (first & 31) : FULL);
    if (clear === 0) continue;
    const bit = lowestClear(~clear);
    bits[0] = bits[0] | (u32(1) << bit);
    if ((first & 31) === 0 && first >>> 5 <= zone.hint) zone.hint = w; // every word before w is full
    zone.holes--;
    return zone.base + ((w << 5) + bit) * FRAME_SIZE;
  }
  return 0;
}

/** Takes the zone's first never-used frame (zone.fresh < zone.frames). */
function takeFresh(fa: FrameAllocator, zone: FrameZone): u32 {
  const i = zone.fresh;
  if ((i & 31) === 0) ptr<u32>(wordAt(fa, zone, i >>> 5))[0] = FULL;
  zone.fresh++;
  return zone.base + i * FRAME_SIZE;
}

/**
 * One free frame: its physical address, or 0 when none is left. The lowest
 * zone with a free frame gives it; in a zone, freed frames before fresh ones.
 * The frame's contents are whatever was there.
 */
export function frameAlloc(fa: FrameAllocator): u32 {
  for (let i: u32 = 0; i < fa.zoneCount; i++) {
    const z = zoneAt(fa, i);
    let pa: u32 = 0;
    if (z.holes > 0) pa = takeHole(fa, z, z.hint << 5);
    else if (z.fresh < z.frames) pa = takeFresh(fa, z);
    if (pa !== 0) {
      fa.free--;
      return pa;
    }
  }
  return 0;
}

/** Gives back a frame frameAlloc handed out; anything else is refused and changes nothing. */
export function frameFree(fa: FrameAllocator, pa: u32): FrameResult {
  if ((pa & (FRAME_SIZE - 1)) !== 0) return FrameResult.Misaligned;
  for (let i: u32 = 0; i < fa.zoneCount; i++) {
    const z = zoneAt(fa, i);
    if (pa < z.base) break; // zones are sorted
    const index = (pa - z.base) >>> FRAME_SHIFT;
    if (index >= z.frames) continue;
    if (index >= z.fresh) return FrameResult.NotAllocated;
    const w = index >>> 5;
    const bits = ptr<u32>(wordAt(fa, z, w));
    const mask = u32(1) << (index & 31);
    if ((bits[0] & mask) === 0) return FrameResult.NotAllocated;
    bits[0] = bits[0] & ~mask;
    z.holes++;
    if (w < z.hint) z.hint = w;
    fa.free++;
    return FrameResult.Ok;
  }
  return FrameResult.NotManaged;
}

/** True if `pa` is a frame the allocator manages (allocated or not). */
export function frameManaged(fa: FrameAllocator, pa: u32): bool {
  if ((pa & (FRAME_SIZE - 1)) !== 0) return false;
  for (let i: u32 = 0; i < fa.zoneCount; i++) {
    const z = zoneAt(fa, i);
    if (pa >= z.base && (pa - z.base) >>> FRAME_SHIFT < z.frames) return true;
  }
  return false;
}

/** True if `pa` is a frame the allocator handed out and has not taken back. */
export function frameAllocated(fa: FrameAllocator, pa: u32): bool {
  if ((pa & (FRAME_SIZE - 1)) !== 0) return false;
  for (let i: u32 = 0; i < fa.zoneCount; i++) {
    const z = zoneAt(fa, i);
    if (pa < z.base) return false; // zones are sorted
    const index = (pa - z.base) >>> FRAME_SHIFT;
    if (index >= z.frames) continue;
    return index < z.fresh && (ptr<u32>(wordAt(fa, z, index >>> 5))[0] & (u32(1) << (index & 31))) !== 0;
  }
  return false;
}

/**
 * The lowest free frame in or above the page holding `floor`, or 0 if there
 * is none there. For frames the kernel reaches only through temporary
 * mappings anyway (user pages; test modes that must use RAM above 1 GB),
 * leaving the low ones to frameAlloc. Where a zone's never-used frames
 * start below the floor, the frames skipped are stored as holes -- a pass
 * over them once, since fresh only grows -- so the invariants hold as they
 * were and frameAlloc hands those frames out later.
 */
export function frameAllocAbove(fa: FrameAllocator, floor: u32): u32 {
  const low = floor & ~(FRAME_SIZE - 1);
  for (let i: u32 = 0; i < fa.zoneCount; i++) {
    const z = zoneAt(fa, i);
    const first = low <= z.base ? 0 : (low - z.base) >>> FRAME_SHIFT;
    if (first >= z.frames) continue;
    let pa: u32 = 0;
    if (z.holes > 0 && first < z.fresh) pa = takeHole(fa, z, first);
    if (pa === 0 && z.fresh < z.frames) {
      // The frames skipped become holes (the hint is at most fresh's word: still true).
      while (z.fresh < first) {
        const skipped = z.fresh;
        takeFresh(fa, z);
        const bits = ptr<u32>(wordAt(fa, z, skipped >>> 5));
        bits[0] = bits[0] & ~(u32(1) << (skipped & 31));
        z.holes++;
      }
      pa = takeFresh(fa, z);
    }
    if (pa !== 0) {
      fa.free--;
      return pa;
    }
  }
  return 0;
}

/**
 * Whole 4 KiB pages of Available RAM in `map` that lie in [start, end) and
 * below 4 GiB (start and end page aligned). On the firmware map this is what
 * the e820 map implies (start 0, end 4 GiB: page 0 included); the frames the
 * kernel keeps from it are page 0, the kernel region and the pages the
 * initrd touches, each counted with this same function, so the boot can
 * check free = implied - kept exactly.
 */
export function ramPagesIn(map: RegionList, start: u64, end: u64): u32 {
  const top = end < FOUR_GIB ? end : FOUR_GIB;
  let pages: u32 = 0;
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    if (r.type !== MemoryType.Available) continue;
    let s = (r.start + u64(FRAME_SIZE - 1)) & ~u64(FRAME_SIZE - 1);
    if (s < start) s = start;
    let e = r.end & ~u64(FRAME_SIZE - 1);
    if (e > top) e = top;
    if (e > s) pages += u32((e - s) >> 12n);
  }
  return pages;
}
