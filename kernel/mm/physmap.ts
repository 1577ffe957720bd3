// The kernel's physical memory map: the firmware's e820 map made usable, plus
// what the kernel itself occupies.
//
// Input: "claims", ranges [start, end) of physical memory with a type, in any
// order and possibly overlapping (e820 maps do both, and the kernel claims its
// image, boot data and page tables on top of RAM).
// Output: regions sorted by address, pairwise disjoint, adjacent regions of the
// same type merged, and where claims overlap the most restrictive type wins
// (see rank()). Holes (addresses nobody claims) stay out of the map.
//
// Addresses are u64 because e820 maps describe memory above 4 GiB too; the
// kernel only uses what lies below.
// tsuki: optimize for size

export const enum MemoryType {
  None = 0, //        in no region (a hole)
  Available = 1, // e820 types keep their numbers
  Reserved = 2,
  AcpiReclaimable = 3,
  AcpiNvs = 4,
  Unusable = 5,
  KernelImage = 0x10, // [image_start, image_top): setup32, microkernel, process manager
  BootData = 0x11, //    [image_top, boot_end): e820 copy, boot heap, boot stack
  PageTables = 0x12, //  [boot_end, kernel_region_top): initial page directory and tables
  Initrd = 0x13, //      the initial ramdisk, where the boot loader put it
}

/** A range of physical memory, [start, end). */
export interface MemoryRegion {
  start: u64;
  end: u64;
  type: MemoryType;
}

const MAX_ADDRESS: u64 = 0xffffffffffffffffn;

export const REGION_SIZE: u32 = sizeOf<MemoryRegion>();

/** A list of regions stored at `regions` (REGION_SIZE bytes each). */
export interface RegionList {
  regions: usize;
  count: u32;
  capacity: u32;
}

export function regionAt(list: RegionList, i: u32): MemoryRegion {
  return ref<MemoryRegion>(list.regions + i * REGION_SIZE);
}

/** Appends a claim; empty ranges are dropped. Returns false if the list is full. */
export function addClaim(list: RegionList, start: u64, end: u64, type: MemoryType): bool {
  if (end <= start) return true;
  if (list.count === list.capacity) return false;
  const r = regionAt(list, list.count);
  r.start = start;
  r.end = end;
  r.type = type;
  list.count++;
  return true;
}

/** e820 types the kernel does not know are treated as reserved. */
export function normalizeE820Type(type: u32): MemoryType {
  return type >= 1 && type <= 5 ? (u8(type) as MemoryType) : MemoryType.Reserved;
}

/** Appends an e820 entry as a claim; a range that wraps past 2^64 is cut there. */
export function addE820Claim(list: RegionList, base: u64, length: u64, type: u32): bool {
  let end = base + length;
  if (end < base) end = MAX_ADDRESS;
  return addClaim(list, base, end, normalizeE820Type(type));
}

/**
 * Which claim wins an overlap: the higher rank. Usable RAM loses to anything;
 * ACPI data must survive until it is read; reserved and unusable memory is
 * never usable; the kernel's own claims win over RAM (and the layout check
 * makes sure they only ever cover RAM).
 */
function rank(type: MemoryType): u32 {
  switch (type) {
    case MemoryType.Available:
      return 1;
    case MemoryType.AcpiReclaimable:
      return 2;
    case MemoryType.AcpiNvs:
      return 3;
    case MemoryType.KernelImage:
    case MemoryType.BootData:
    case MemoryType.PageTables:
    case MemoryType.Initrd:
      return 5;
    default:
      return 4;
  }
}

/** The smallest claim boundary (start or end) strictly above `after`; `after` itself if there is none. */
function nextBoundary(claims: RegionList, after: u64): u64 {
  let best = after;
  for (let i: u32 = 0; i < claims.count; i++) {
    const c = regionAt(claims, i);
    if (c.start > after && (best === after || c.start < best)) best = c.start;
    if (c.end > after && (best === after || c.end < best)) best = c.end;
  }
  return best;
}

/** The winning type of the claims covering all of [start, end), or None. */
function typeOver(claims: RegionList, start: u64, end: u64): MemoryType {
  let best = MemoryType.None;
  for (let i: u32 = 0; i < claims.count; i++) {
    const c = regionAt(claims, i);
    if (c.start <= start && end <= c.end) {
      if (best === MemoryType.None || rank(c.type) > rank(best) || (rank(c.type) === rank(best) && c.type > best)) {
        best = c.type;
      }
    }
  }
  return best;
}

/**
 * Builds the map of `claims` into `out` (emptied first). Sweeps the claim
 * boundaries in increasing order: between two consecutive boundaries every
 * claim either covers the whole interval or none of it, so each interval has
 * one type. O(n^2) for n claims, which is a few hundred at most, and needs no
 * scratch memory. `out` needs room for 2n - 1 regions; returns false if it is
 * too small.
 */
export function buildMap(claims: RegionList, out: RegionList): bool {
  out.count = 0;
  if (claims.count === 0) return true;
  let lowest = MAX_ADDRESS;
  for (let i: u32 = 0; i < claims.count; i++) {
    const s = regionAt(claims, i).start;
    if (s < lowest) lowest = s;
  }
  let start = lowest;
  for (;;) {
    const end = nextBoundary(claims, start);
    if (end === start) return true;
    const type = typeOver(claims, start, end);
    if (type !== MemoryType.None) {
      const last = out.count > 0 ? regionAt(out, out.count - 1) : null;
      if (last !== null && last.end === start && last.type === type) {
        last.end = end;
      } else if (!addClaim(out, start, end, type)) {
        return false;
      }
    }
    start = end;
  }
}

/** True if one region of type `type` in the map covers all of [start, end). */
export function mapCovers(map: RegionList, start: u64, end: u64, type: MemoryType): bool {
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    if (r.type === type && r.start <= start && end <= r.end) return true;
  }
  return false;
}

/** The type of the region holding `address`, or None in a hole. */
export function typeAt(map: RegionList, address: u64): MemoryType {
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    if (r.start <= address && address < r.end) return r.type;
  }
  return MemoryType.None;
}
