// kernel/mm/physmap.ts against hostile e820 maps: overlapping, unsorted,
// zero-length, reserved inside RAM, past 4 GiB, wrapping at 2^64, adjacent
// entries that must merge, duplicates, nesting, a staircase, a full
// 128-entry table, and a few hundred random ones. Each map is checked three
// ways: the exact regions expected, the map's invariants (sorted, disjoint,
// non-empty, no two touching regions of one type), and agreement at every
// boundary with an oracle written here from the rules (docs/layout.md), not
// from physmap.ts.

import { MemoryType, regionAt, typeAt } from "../../kernel/mm/physmap";
import { expect, expectU32, expectU64 } from "./check";
import { e820, expectRegion, map, mapBuild, mapReset } from "./maps";

const MAX: u64 = 0xffffffffffffffffn;
const bases: Arr<u64, 160> = zeroed();
const lengths: Arr<u64, 160> = zeroed();
const types: Arr<u32, 160> = zeroed();
let entries: u32 = 0;

export function hostileReset(): void {
  mapReset();
  entries = 0;
}

export function ent(base: u64, length: u64, type: u32): void {
  bases[entries] = base;
  lengths[entries] = length;
  types[entries] = type;
  entries++;
  e820(base, length, type);
}

/** The oracle's idea of an entry's end: a range that wraps past 2^64 ends at 2^64 - 1. */
function endOf(i: u32): u64 {
  const end = bases[i] + lengths[i];
  return end < bases[i] ? MAX : end;
}

function normal(type: u32): u32 {
  return type >= 1 && type <= 5 ? type : 2;
}

/** RAM < ACPI reclaimable < ACPI NVS < everything else (reserved, unusable, unknown). */
function rankOf(type: u32): u32 {
  if (type === 1) return 1;
  if (type === 3) return 2;
  if (type === 4) return 3;
  return 4;
}

/** The type the rules give the byte at `x`: 0 where no entry covers it. */
function oracle(x: u64): u32 {
  let best: u32 = 0;
  for (let i: u32 = 0; i < entries; i++) {
    if (bases[i] <= x && x < endOf(i)) {
      const t = normal(types[i]);
      if (best === 0 || rankOf(t) > rankOf(best) || (rankOf(t) === rankOf(best) && t > best)) best = t;
    }
  }
  return best;
}

function agreesAt(x: u64): bool {
  return u32(typeAt(map, x)) === oracle(x);
}

/**
 * Builds the map and checks its invariants and the oracle at every entry
 * boundary and the byte before it: types are constant between boundaries,
 * so that covers every byte.
 */
export function checked(what: CStr): void {
  mapBuild();
  let bad: u32 = 0;
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    if (r.start >= r.end || r.type === MemoryType.None) bad++;
    if (i + 1 < map.count) {
      const n = regionAt(map, i + 1);
      if (n.start < r.end) bad++;
      if (n.start === r.end && n.type === r.type) bad++;
    }
  }
  expectU32(bad, 0, what);
  let disagree: u32 = 0;
  for (let i: u32 = 0; i < entries; i++) {
    const points: Arr<u64, 4> = [bases[i], bases[i] - 1n, endOf(i), endOf(i) - 1n];
    for (let k: u32 = 0; k < 4; k++) if (!agreesAt(points[k])) disagree++;
  }
  expectU32(disagree, 0, what);
}

function region(i: u32, start: u64, end: u64, type: MemoryType, what: CStr): void {
  expectRegion(map, i, start, end, type, what);
}

function overlappingRam(): void {
  hostileReset();
  ent(0x40000n, 0x60000n, 1);
  ent(0n, 0x80000n, 1);
  ent(0x9f000n, 0xc00n, 1);
  ent(0x10000n, 0x1000n, 1);
  checked("overlapping RAM");
  expectU32(map.count, 1, "overlapping RAM: one region");
  region(0, 0n, 0xa0000n, MemoryType.Available, "overlapping RAM: their union");
}

function reversed(): void {
  hostileReset();
  for (let i: u32 = 10; i > 0; i--) ent(u64(i) * 0x10000n, 0x8000n, (i & 1) !== 0 ? 1 : 2);
  checked("ten entries in reverse order");
  expectU32(map.count, 10, "reverse order: ten regions");
  region(0, 0x10000n, 0x18000n, MemoryType.Available, "reverse order: the lowest first");
  region(9, 0xa0000n, 0xa8000n, MemoryType.Reserved, "reverse order: the highest last");
}

function zeroLength(): void {
  hostileReset();
  ent(0x100000n, 0x100000n, 1);
  ent(0x180000n, 0n, 2); // inside RAM: must not split it
  ent(0x300000n, 0n, 1); // in a hole: must not create a region
  ent(0n, 0n, 2);
  ent(MAX, 0n, 2);
  checked("zero-length entries");
  expectU32(map.count, 1, "zero-length entries: nothing but the RAM");
  region(0, 0x100000n, 0x200000n, MemoryType.Available, "zero-length entries: RAM unsplit");
}

function reservedInsideRam(): void {
  hostileReset();
  ent(0x100000n, 0x100000n, 1);
  ent(0x100000n, 0x1000n, 2); // at its start
  ent(0x150000n, 0x800n, 2); // in the middle, half a page
  ent(0x1ff000n, 0x1000n, 4); // at its end
  ent(0x400000n, 0x10000n, 1);
  ent(0x400000n, 0x10000n, 2); // exactly over RAM
  ent(0x500000n, 0x1000n, 1);
  ent(0x4ff000n, 0x3000n, 5); // over RAM and past it on both sides
  checked("reserved inside RAM");
  region(0, 0x100000n, 0x101000n, MemoryType.Reserved, "reserved at the start of RAM");
  region(1, 0x101000n, 0x150000n, MemoryType.Available, "RAM after it");
  region(2, 0x150000n, 0x150800n, MemoryType.Reserved, "half a page reserved in the middle");
  region(3, 0x150800n, 0x1ff000n, MemoryType.Available, "RAM after it");
  region(4, 0x1ff000n, 0x200000n, MemoryType.AcpiNvs, "NVS at the end");
  region(5, 0x400000n, 0x410000n, MemoryType.Reserved, "reserved exactly over RAM: all reserved");
  region(6, 0x4ff000n, 0x502000n, MemoryType.Unusable, "unusable over RAM and past it");
  expectU32(map.count, 7, "reserved inside RAM: seven regions");
}

function past4GiB(): void {
  hostileReset();
  ent(0xc0000000n, 0x80000000n, 1); // 3 GiB to 5 GiB, across 4 GiB
  ent(0x100000000n, 0x80000000n, 1); // 4 GiB to 6 GiB, overlapping it
  ent(0xfd00000000n, 0x300000000n, 2); // the HyperTransport hole below 1 TiB
  ent(0xfe00000000n, 0x100000000n, 1); // RAM inside it
  ent(0xfec00000n, 0x1000n, 2); // IO-APIC inside the RAM below 4 GiB
  checked("entries past 4 GiB");
  region(0, 0xc0000000n, 0xfec00000n, MemoryType.Available, "RAM below the IO-APIC");
  region(1, 0xfec00000n, 0xfec01000n, MemoryType.Reserved, "the IO-APIC");
  region(2, 0xfec01000n, 0x180000000n, MemoryType.Available, "RAM across 4 GiB, merged with the entry above");
  region(3, 0xfd00000000n, 0x10000000000n, MemoryType.Reserved, "the hole stays reserved over RAM");
  expectU32(map.count, 4, "past 4 GiB: four regions");
}

function wrapping(): void {
  hostileReset();
  ent(0xffffffff00000000n, 0x8000000000000000n, 1); // RAM wrapping past 2^64
  ent(0xfffffffffffff000n, 0x2000n, 2); // reserved wrapping, over its top
  ent(MAX, 1n, 2); // the last byte: ends at 2^64, which a u64 cannot hold
  ent(0x1000n, MAX, 4); // from 0x1000 with length 2^64 - 1: wraps to 0xfff
  checked("entries wrapping at 2^64");
  region(0, 0x1000n, 0xfffffffffffff000n, MemoryType.AcpiNvs, "a length that wraps is cut at 2^64 - 1; NVS beats the RAM under it");
  region(1, 0xfffffffffffff000n, MAX, MemoryType.Reserved, "reserved beats NVS at the top; the last byte cannot be named");
  expectU32(map.count, 2, "wrapping: two regions");
  expectU32(u32(typeAt(map, 0xfffffffffffffffen)), u32(MemoryType.Reserved), "the top is reserved");
}

function mustMerge(): void {
  hostileReset();
  const order: Arr<u32, 8> = [5, 2, 7, 0, 3, 6, 1, 4];
  for (let i: u32 = 0; i < 8; i++) ent(0x100000n + u64(order[i]) * 0x1000n, 0x1000n, 1);
  ent(0x200000n, 0x1000n, 7); // persistent memory: reserved
  ent(0x201000n, 0x1000n, 12); // unknown: reserved
  ent(0x202000n, 0x1000n, 0); // invalid: reserved
  ent(0x203000n, 0x1000n, 0xffffffff);
  ent(0x204000n, 0x1000n, 5); // unusable: its own type
  ent(0x300000n, 0x1000n, 3);
  ent(0x301000n, 0x1000n, 3);
  checked("adjacent entries that must merge");
  region(0, 0x100000n, 0x108000n, MemoryType.Available, "eight touching RAM pages, shuffled: one region");
  region(1, 0x200000n, 0x204000n, MemoryType.Reserved, "four types that all mean reserved: one region");
  region(2, 0x204000n, 0x205000n, MemoryType.Unusable, "unusable touches reserved but stays apart");
  region(3, 0x300000n, 0x302000n, MemoryType.AcpiReclaimable, "two touching ACPI entries: one region");
  expectU32(map.count, 4, "merging: four regions");
}

function duplicatesAndNesting(): void {
  hostileReset();
  for (let i: u32 = 0; i < 3; i++) ent(0x100000n, 0x100000n, 1);
  ent(0x110000n, 0xe0000n, 3);
  ent(0x120000n, 0xc0000n, 4);
  ent(0x130000n, 0xa0000n, 2);
  ent(0x130000n, 0xa0000n, 2);
  checked("duplicates and nested entries");
  region(0, 0x100000n, 0x110000n, MemoryType.Available, "nested 0");
  region(1, 0x110000n, 0x120000n, MemoryType.AcpiReclaimable, "nested 1");
  region(2, 0x120000n, 0x130000n, MemoryType.AcpiNvs, "nested 2");
  region(3, 0x130000n, 0x1d0000n, MemoryType.Reserved, "nested 3: the innermost");
  region(4, 0x1d0000n, 0x1e0000n, MemoryType.AcpiNvs, "nested 4");
  region(5, 0x1e0000n, 0x1f0000n, MemoryType.AcpiReclaimable, "nested 5");
  region(6, 0x1f0000n, 0x200000n, MemoryType.Available, "nested 6");
  expectU32(map.count, 7, "nested: seven regions, duplicates counted once");
}

/** Eight entries each inside the last, RAM and reserved alternating: inner RAM cannot punch through reserved. */
function staircase(): void {
  hostileReset();
  for (let i: u32 = 0; i < 8; i++) ent(u64(i) * 0x1000n, u64(16 - 2 * i) * 0x1000n, (i & 1) === 0 ? 1 : 2);
  checked("a staircase of nested entries");
  region(0, 0n, 0x1000n, MemoryType.Available, "staircase: the outer RAM's first page");
  region(1, 0x1000n, 0xf000n, MemoryType.Reserved, "staircase: reserved from the first reserved entry in");
  region(2, 0xf000n, 0x10000n, MemoryType.Available, "staircase: the outer RAM's last page");
  expectU32(map.count, 3, "staircase: three regions");
}

/** A full table: 128 one-page entries, RAM and reserved alternating, in a scrambled order. */
function fullTable(): void {
  hostileReset();
  for (let i: u32 = 0; i < 128; i++) {
    const page = (i * 37) & 127; // 37 is odd, so this visits every page once
    ent(u64(page) * 0x1000n, 0x1000n, (page & 1) !== 0 ? 2 : 1);
  }
  checked("128 scrambled entries");
  expectU32(map.count, 128, "128 entries: 128 regions");
  region(127, 0x7f000n, 0x80000n, MemoryType.Reserved, "128 entries: the last");
}

export function hostileMaps(): void {
  overlappingRam();
  reversed();
  zeroLength();
  reservedInsideRam();
  past4GiB();
  wrapping();
  mustMerge();
  duplicatesAndNesting();
  staircase();
  fullTable();
}
