// kernel/mm/physmap.ts: sorting, overlap resolution, merging, holes.

import {
  MemoryType,
  RegionList,
  addClaim,
  addE820Claim,
  buildMap,
  mapCovers,
  regionAt,
  typeAt,
} from "../../kernel/mm/physmap";
import { expect, expectU32, expectU64, suite } from "./check";
import { expectRegion } from "./maps";

const claimStore: Arr<u8, 2048> = zeroed({ align: 8 });
const mapStore: Arr<u8, 4096> = zeroed({ align: 8 });
const claims: RegionList = zeroed();
const map: RegionList = zeroed();

function reset(): void {
  claims.regions = addr(claimStore);
  claims.capacity = 64;
  claims.count = 0;
  map.regions = addr(mapStore);
  map.capacity = 128;
  map.count = 0;
}

function e820(base: u64, length: u64, type: u32): void {
  expect(addE820Claim(claims, base, length, type), "claim list has room");
}

function build(): void {
  expect(buildMap(claims, map), "map has room");
}

function region(i: u32, start: u64, end: u64, type: MemoryType, what: CStr): void {
  expectRegion(map, i, start, end, type, what);
}

/** QEMU's 128 MB map, given out of order: sorted, unchanged otherwise. */
function qemuMapShuffled(): void {
  reset();
  e820(0x100000n, 0x7ee0000n, 1);
  e820(0xfffc0000n, 0x40000n, 2);
  e820(0n, 0x9fc00n, 1);
  e820(0x7fe0000n, 0x20000n, 2);
  e820(0xf0000n, 0x10000n, 2);
  e820(0x9fc00n, 0x400n, 2);
  build();
  expectU32(map.count, 6, "qemu map: six regions");
  region(0, 0n, 0x9fc00n, MemoryType.Available, "qemu map 0");
  region(1, 0x9fc00n, 0xa0000n, MemoryType.Reserved, "qemu map 1");
  region(2, 0xf0000n, 0x100000n, MemoryType.Reserved, "qemu map 2");
  region(3, 0x100000n, 0x7fe0000n, MemoryType.Available, "qemu map 3");
  region(4, 0x7fe0000n, 0x8000000n, MemoryType.Reserved, "qemu map 4");
  region(5, 0xfffc0000n, 0x100000000n, MemoryType.Reserved, "qemu map 5 (ends at 4 GiB)");
  expectU32(u32(typeAt(map, 0xa0000n)), u32(MemoryType.None), "the VGA hole stays a hole");
}

/** A reserved range inside RAM splits it; the same type on both sides is not merged across. */
function overlapSplits(): void {
  reset();
  e820(0n, 0x100000n, 1);
  e820(0x9f000n, 0x1000n, 2);
  build();
  expectU32(map.count, 3, "split: three regions");
  region(0, 0n, 0x9f000n, MemoryType.Available, "split 0");
  region(1, 0x9f000n, 0xa0000n, MemoryType.Reserved, "split 1");
  region(2, 0xa0000n, 0x100000n, MemoryType.Available, "split 2");
}

/** Adjacent and overlapping claims of one type merge into one region. */
function sameTypeMerges(): void {
  reset();
  e820(0x200000n, 0x100000n, 1);
  e820(0x100000n, 0x100000n, 1);
  e820(0x180000n, 0x200000n, 1);
  build();
  expectU32(map.count, 1, "merge: one region");
  region(0, 0x100000n, 0x380000n, MemoryType.Available, "merge 0");
}

/** Precedence: RAM < ACPI reclaimable < ACPI NVS < reserved = unusable = unknown < kernel. */
function precedence(): void {
  reset();
  e820(0x1000n, 0x1000n, 3); // ACPI reclaimable over RAM
  e820(0n, 0x10000n, 1);
  e820(0x1800n, 0x1000n, 4); // NVS over reclaimable and RAM
  e820(0x2000n, 0x1000n, 2); // reserved over NVS
  e820(0x4000n, 0x1000n, 5); // unusable over RAM
  e820(0x6000n, 0x1000n, 9); // unknown type: reserved
  expect(addClaim(claims, 0x8000n, 0xa000n, MemoryType.KernelImage), "kernel claim added");
  e820(0x9000n, 0x2000n, 2); // reserved vs kernel: the kernel claim wins, the rest stays reserved
  build();
  region(0, 0n, 0x1000n, MemoryType.Available, "precedence 0");
  region(1, 0x1000n, 0x1800n, MemoryType.AcpiReclaimable, "precedence 1: reclaimable beats RAM");
  region(2, 0x1800n, 0x2000n, MemoryType.AcpiNvs, "precedence 2: NVS beats reclaimable");
  region(3, 0x2000n, 0x3000n, MemoryType.Reserved, "precedence 3: reserved beats NVS");
  region(4, 0x3000n, 0x4000n, MemoryType.Available, "precedence 4");
  region(5, 0x4000n, 0x5000n, MemoryType.Unusable, "precedence 5: unusable beats RAM");
  region(6, 0x5000n, 0x6000n, MemoryType.Available, "precedence 6");
  region(7, 0x6000n, 0x7000n, MemoryType.Reserved, "precedence 7: unknown type is reserved");
  region(8, 0x7000n, 0x8000n, MemoryType.Available, "precedence 8");
  region(9, 0x8000n, 0xa000n, MemoryType.KernelImage, "precedence 9: kernel beats reserved");
  region(10, 0xa000n, 0xb000n, MemoryType.Reserved, "precedence 10");
  region(11, 0xb000n, 0x10000n, MemoryType.Available, "precedence 11");
  expectU32(map.count, 12, "precedence: twelve regions");
}

/** The kernel's own claims carve the kernel region out of RAM, as at boot. */
function kernelRegions(): void {
  reset();
  e820(0x100000n, 0x7ee0000n, 1);
  expect(addClaim(claims, 0x100000n, 0x108000n, MemoryType.KernelImage), "image claim");
  expect(addClaim(claims, 0x108000n, 0x119000n, MemoryType.BootData), "boot data claim");
  expect(addClaim(claims, 0x119000n, 0x11b000n, MemoryType.PageTables), "page tables claim");
  build();
  expectU32(map.count, 4, "kernel regions: four regions");
  region(0, 0x100000n, 0x108000n, MemoryType.KernelImage, "kernel 0");
  region(1, 0x108000n, 0x119000n, MemoryType.BootData, "kernel 1");
  region(2, 0x119000n, 0x11b000n, MemoryType.PageTables, "kernel 2");
  region(3, 0x11b000n, 0x7fe0000n, MemoryType.Available, "kernel 3");
  expect(mapCovers(map, 0x11b000n, 0x200000n, MemoryType.Available), "covers: inside one region");
  expect(!mapCovers(map, 0x118000n, 0x11c000n, MemoryType.BootData), "covers: not across a boundary");
  expect(!mapCovers(map, 0x7000000n, 0x9000000n, MemoryType.Available), "covers: not past the end");
}

/** Edge cases: empty input, empty entries, a range wrapping past 2^64, a too-small output. */
function edges(): void {
  reset();
  build();
  expectU32(map.count, 0, "no claims: empty map");

  reset();
  e820(0x5000n, 0n, 1);
  expectU32(claims.count, 0, "a zero-length entry is dropped");

  reset();
  e820(0xfffffffffffff000n, 0x2000n, 2);
  build();
  region(0, 0xfffffffffffff000n, 0xffffffffffffffffn, MemoryType.Reserved, "a range wrapping past 2^64 is cut there");

  reset();
  e820(0x1000n, 0x1000n, 1);
  e820(0x3000n, 0x1000n, 1);
  build();
  expectU32(map.count, 2, "holes: two regions");
  expectU32(u32(typeAt(map, 0x2800n)), u32(MemoryType.None), "holes: between the regions");
  expectU32(u32(typeAt(map, 0x3fffn)), u32(MemoryType.Available), "holes: last byte of a region");
  expectU32(u32(typeAt(map, 0x4000n)), u32(MemoryType.None), "holes: end is exclusive");

  reset();
  e820(0n, 0x10000n, 1);
  e820(0x1000n, 0x1000n, 2);
  e820(0x3000n, 0x1000n, 2);
  map.capacity = 4;
  expect(!buildMap(claims, map), "an output list that is too small is reported");
  map.capacity = 5;
  expect(buildMap(claims, map), "2n - 1 regions are enough");
}

export function testPhysMap(): void {
  suite("physmap");
  qemuMapShuffled();
  overlapSplits();
  sameTypeMerges();
  precedence();
  kernelRegions();
  edges();
}
