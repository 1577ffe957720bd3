// kernel/mm/frames.ts: the page-frame allocator over the kernel's physical
// memory map. Every test drains the allocator and checks each frame against
// an oracle that does not use the allocator: a frame is usable iff it is not
// page 0, lies below 4 GiB and one Available region of the map covers it.

import { MemoryType, mapCovers } from "../../kernel/mm/physmap";
import {
  FRAME_SIZE,
  FrameAllocator,
  FrameResult,
  frameAlloc,
  frameAllocatorInit,
  frameFree,
  frameManaged,
  frameStorageBytes,
  ramPagesIn,
} from "../../kernel/mm/frames";
import { expect, expectU32, expectU64, suite } from "./check";
import { claim, e820, map, mapBuild, mapReset } from "./maps";

const GARBAGE: u8 = 0xa5;
export const storage: Arr<u8, 135168> = zeroed({ align: 4096 });
export const fa: FrameAllocator = zeroed();
/** One bit per frame of the 4 GiB space: handed out and not yet given back. */
const held: Arr<u32, 32768> = zeroed();

export function isHeld(pa: u32): bool {
  return (held[pa >>> 17] & (u32(1) << ((pa >>> 12) & 31))) !== 0;
}

export function setHeld(pa: u32, on: bool): void {
  const bit = u32(1) << ((pa >>> 12) & 31);
  if (on) held[pa >>> 17] = held[pa >>> 17] | bit;
  else held[pa >>> 17] = held[pa >>> 17] & ~bit;
}

/** Builds the map, fills the storage with garbage and sets the allocator up in exactly the bytes it asks for. */
export function setUp(): void {
  mapBuild();
  memset(addr(storage), GARBAGE, storage.length);
  memset(addr(held), 0, held.length * 4);
  const bytes = frameStorageBytes(map, 0);
  expect(bytes <= storage.length, "the test storage is large enough");
  expectU32(u32(frameAllocatorInit(fa, map, addr(storage), bytes)), u32(FrameResult.Ok), "set-up succeeds");
  let untouched = true;
  for (let i = fa.bitmap - addr(storage); i < bytes; i++) if (storage[i] !== GARBAGE) untouched = false;
  expect(untouched, "set-up writes no byte of the bitmap (cost follows the regions, not RAM)");
}

/** Usable frames by the oracle: every page of the 4 GiB space checked against the map. */
export function oracleCount(): u32 {
  let n: u32 = 0;
  for (let page: u32 = 1; page < 0x100000; page++) {
    const pa = u64(page) << 12n;
    if (mapCovers(map, pa, pa + 0x1000n, MemoryType.Available)) n++;
  }
  return n;
}

export let lowest: u32 = 0;
export let highest: u32 = 0;

/** Allocates until the allocator says none is left; checks every frame. Returns how many. */
export function drain(what: CStr): u32 {
  let n: u32 = 0;
  let bad: u32 = 0;
  lowest = 0xffffffff;
  highest = 0;
  for (;;) {
    const pa = frameAlloc(fa);
    if (pa === 0) break;
    n++;
    if ((pa & (FRAME_SIZE - 1)) !== 0 || isHeld(pa)) bad++;
    else if (!mapCovers(map, u64(pa), u64(pa) + 0x1000n, MemoryType.Available)) bad++;
    setHeld(pa, true);
    if (pa < lowest) lowest = pa;
    if (pa > highest) highest = pa;
    if (n > 0x100000) break;
  }
  expectU32(bad, 0, what);
  expectU32(fa.free, 0, "drained: the free count is 0");
  expectU32(frameAlloc(fa), 0, "drained: the next allocation fails with 0");
  return n;
}

/** Gives every held frame back, from the top down. */
export function freeAll(what: CStr): void {
  let bad: u32 = 0;
  for (let page: u32 = 0xfffff; page > 0; page--) {
    const pa = page << 12;
    if (!isHeld(pa)) continue;
    if (frameFree(fa, pa) !== FrameResult.Ok) bad++;
    setHeld(pa, false);
  }
  expectU32(bad, 0, what);
  expectU32(fa.free, fa.usable, "everything given back: free = usable");
}

function lowMemory(): void {
  e820(0n, 0x9fc00n, 1);
  e820(0x9fc00n, 0x400n, 2);
  e820(0xf0000n, 0x10000n, 2);
}

function kernelClaims(): void {
  claim(0x100000n, 0x108000n, MemoryType.KernelImage);
  claim(0x108000n, 0x119000n, MemoryType.BootData);
  claim(0x119000n, 0x11b000n, MemoryType.PageTables);
}

/** QEMU's 128 MB e820 map. */
export function qemuFirmware(): void {
  lowMemory();
  e820(0x100000n, 0x7ee0000n, 1);
  e820(0x7fe0000n, 0x20000n, 2);
  e820(0xfffc0000n, 0x40000n, 2);
}

/** The same with the kernel region claimed, as at boot. */
export function qemuMap(): void {
  qemuFirmware();
  kernelClaims();
}

/** QEMU at 128 MB with the kernel region claimed: [0x1000, 0x9f000) and [0x11b000, 0x7fe0000). */
function qemu128(): void {
  mapReset();
  qemuMap();
  setUp();
  const want = u32((0x9f000 - 0x1000) / 0x1000) + u32((0x7fe0000 - 0x11b000) / 0x1000);
  expectU32(fa.usable, want, "128 MB: usable frames");
  expectU32(fa.usable, oracleCount(), "128 MB: usable = the oracle's count");
  expectU64(fa.highFrames, 0n, "128 MB: nothing above 4 GiB");
  expectU32(ramPagesIn(map, 0n, 0x100000000n), want + 1, "128 MB: RAM pages below 4 GiB = usable frames + page 0");
  expectU32(ramPagesIn(map, 0n, 0x1000n), 1, "128 MB: page 0 is RAM");
  expectU32(ramPagesIn(map, 0x1000n, 0x100000n), 158, "128 MB: whole pages below 0x9fc00, page 0 left out");
  expectU32(ramPagesIn(map, 0x100000n, 0x11b000n), 0, "128 MB: the claimed kernel region is no RAM of the kernel map");
  expectU32(frameAlloc(fa), 0x1000, "the first frame is 0x1000: frame 0 is never handed out");
  expectU32(frameFree(fa, 0x1000), FrameResult.Ok, "and it can be given back");
  expectU32(drain("128 MB: every frame usable RAM, none twice"), want, "128 MB: every usable frame handed out");
  expectU32(lowest, 0x1000, "128 MB: lowest frame");
  expectU32(highest, 0x7fdf000, "128 MB: highest frame, just below the reserved top");
  freeAll("128 MB: every frame given back");
  expectU32(drain("128 MB, again: every frame usable RAM, none twice"), want, "128 MB, again: all of them");
}

/** RAM to 4 GiB and past it, with holes, ACPI data, an unaligned end and the APIC pages reserved. */
function fourGiB(): void {
  mapReset();
  lowMemory();
  e820(0x100000n, 0x7fff0000n - 0x100000n, 1);
  e820(0x7fff0000n, 0x10000n, 3); // ACPI tables
  e820(0x80400000n, 0xbffff800n - 0x80400000n, 1); // after a 4 MiB hole, ends mid-page
  e820(0xbfff0000n, 0x10000n, 2); // reserved over the end of that RAM
  e820(0xe0000000n, 0xfec00000n - 0xe0000000n, 1); // after the PCI hole
  e820(0xfec00000n, 0x201000n, 2); // IO-APIC .. local APIC
  e820(0xfee01000n, 0x140000000n - 0xfee01000n, 1); // to 5 GiB, across 4 GiB
  kernelClaims();
  setUp();
  const want = oracleCount();
  expectU32(fa.usable, want, "4 GiB: usable = the oracle's count");
  expect(fa.usable > 0xc0000, "4 GiB: over 3 GiB of frames");
  expectU64(fa.highFrames, 0x40000n, "4 GiB: the 1 GiB above 4 GiB is counted, not usable");
  expectU32(ramPagesIn(map, 0n, 0x200000000n), want + 1, "4 GiB: RAM pages counted below 4 GiB only (page 0 included)");
  expectU32(ramPagesIn(map, 0xbfff0000n, 0xe0000000n), 0, "4 GiB: none in the reserved end and the PCI hole");
  expectU32(ramPagesIn(map, 0x80400000n, 0xc0000000n), u32((0xbffef000 - 0x80400000) / 0x1000) + 1, "4 GiB: the RAM after the hole, to its last whole page");
  expectU32(drain("4 GiB: every frame usable RAM below 4 GiB, none twice"), want, "4 GiB: every usable frame handed out");
  expectU32(highest, 0xfffff000, "4 GiB: the last frame below 4 GiB is handed out");
  expect(isHeld(0x7ffef000) && !isHeld(0x80000000) && !isHeld(0x803ff000) && isHeld(0x80400000), "4 GiB: the hole is skipped, RAM on both sides is used");
  expect(!isHeld(0xbfff0000) && isHeld(0xbffef000), "4 GiB: reserved memory over RAM is not used");
  expect(isHeld(0xfee01000) && !isHeld(0xfee00000), "4 GiB: RAM right after the local APIC is used");
  expect(!isHeld(0x7fff0000) && !isHeld(0xfec00000), "4 GiB: ACPI and APIC pages are not used");
  expect(isHeld(0x9000000), "4 GiB: frames far above KLIMIT are handed out");
  freeAll("4 GiB: every frame given back");
  expectU32(frameFree(fa, 0xfffff000), FrameResult.NotAllocated, "4 GiB: a second free of the last frame is refused");
  expectU32(fa.free, fa.usable, "4 GiB: the refused free changed nothing");
  expectU32(drain("4 GiB, again: every frame usable, none twice"), want, "4 GiB, again: all of them");
}

/** No RAM below 128 MB at all: every frame comes from above KLIMIT. */
function onlyAbove128(): void {
  mapReset();
  e820(0n, 0x100000n, 2);
  e820(0x8000000n, 0x18000000n, 1);
  e820(0xfffc0000n, 0x40000n, 2);
  setUp();
  expectU32(fa.usable, 0x18000, "above 128 MB: usable frames");
  expectU32(fa.usable, oracleCount(), "above 128 MB: usable = the oracle's count");
  expectU32(drain("above 128 MB: every frame usable RAM, none twice"), 0x18000, "above 128 MB: all handed out");
  expectU32(lowest, 0x8000000, "above 128 MB: the lowest frame is at 128 MB");
  expectU32(highest, 0x1ffff000, "above 128 MB: the highest frame");
}

export function testFrames(): void {
  suite("frames");
  qemu128();
  fourGiB();
  onlyAbove128();
}
