// kernel/mm/frames.ts: frameAllocAbove (the lowest free frame at or above a
// floor; the frames it skips become holes that frameAlloc hands out later)
// and frameAllocated, on QEMU's 3 GB map and on the 4 GiB map with holes.
// Every frame is tracked in frames.ts's `held` set, so a frame handed out
// twice -- by either function -- is caught, and draining afterwards must
// still give every usable frame exactly once.

import { FrameResult, frameAlloc, frameAllocAbove, frameAllocated, frameFree, frameManaged } from "../../kernel/mm/frames";
import { MemoryType } from "../../kernel/mm/physmap";
import { expect, expectU32, suite } from "./check";
import { drain, fa, freeAll, isHeld, oracleCount, setHeld, setUp } from "./frames";
import { claim, e820, mapReset } from "./maps";

const ONE_GIB: u32 = 0x40000000;

function kernelClaims(): void {
  claim(0x100000n, 0x108000n, MemoryType.KernelImage);
  claim(0x108000n, 0x119000n, MemoryType.BootData);
  claim(0x119000n, 0x11b000n, MemoryType.PageTables);
}

/** frameAllocAbove(floor), tracked: the frame it returns (checked new, in the map, at or above the page of floor). */
function above(floor: u32, what: CStr): u32 {
  const free = fa.free;
  const pa = frameAllocAbove(fa, floor);
  if (pa === 0) {
    expectU32(fa.free, free, what);
    return 0;
  }
  expect(pa >= (floor & 0xfffff000) && (pa & 0xfff) === 0 && !isHeld(pa) && frameAllocated(fa, pa), what);
  expectU32(fa.free, free - 1, what);
  setHeld(pa, true);
  return pa;
}

function give(pa: u32): void {
  expectU32(u32(frameFree(fa, pa)), u32(FrameResult.Ok), "given back");
  setHeld(pa, false);
}

/** QEMU at 3 GB: [0x1000, 0x9f000) and [0x11b000, 0xbffe0000). */
function qemu3g(): void {
  mapReset();
  e820(0n, 0x9fc00n, 1);
  e820(0xf0000n, 0x10000n, 2);
  e820(0x100000n, 0xbfee0000n, 1);
  e820(0xfffc0000n, 0x40000n, 2);
  kernelClaims();
  setUp();
  const usable = fa.usable;
  expectU32(usable, oracleCount(), "3 GB: usable = the oracle's count");
  expectU32(above(ONE_GIB, "the first frame at 1 GB"), ONE_GIB, "the lowest frame at the floor");
  expect(!frameAllocated(fa, ONE_GIB - 0x1000) && frameManaged(fa, ONE_GIB - 0x1000), "a frame skipped below the floor is free");
  expect(!frameAllocated(fa, 0x1000), "the low zone is untouched");
  const low = frameAlloc(fa);
  expectU32(low, 0x1000, "frameAlloc still starts at the bottom");
  setHeld(low, true);
  expect(frameAllocated(fa, low), "frameAllocated: a frame frameAlloc gave");
  expectU32(above(ONE_GIB, "the next"), ONE_GIB + 0x1000, "the next fresh frame above the floor");
  give(ONE_GIB);
  expect(!frameAllocated(fa, ONE_GIB), "frameAllocated: not after it came back");
  expectU32(above(ONE_GIB, "a hole at the floor"), ONE_GIB, "a freed frame at the floor comes first");
  expectU32(above(ONE_GIB + 0x800, "the page of an unaligned floor"), ONE_GIB + 0x2000, "an unaligned floor: the page holding it, and up");
  expectU32(above(ONE_GIB - 0x2000, "a skipped frame"), ONE_GIB - 0x2000, "a skipped frame is a hole frameAllocAbove finds");
  expectU32(above(0xc0000000, "past the RAM"), 0, "no RAM above 3 GB: 0");
  expectU32(above(0xfffff000, "the top"), 0, "nor at the last page below 4 GiB");
  expect(!frameAllocated(fa, 0) && !frameAllocated(fa, ONE_GIB + 4) && !frameAllocated(fa, 0x100000), "frameAllocated: frame 0, unaligned, the kernel's");
  // The top of the RAM, fresh: every frame from 0xbff00000 up, then none.
  let top: u32 = 0;
  for (let pa = above(0xbff00000, "the top frames"); pa !== 0; pa = above(0xbff00000, "the top frames")) top++;
  expectU32(top, 0xe0, "every frame of [0xbff00000, 0xbffe0000)");
  let taken: u32 = 0;
  for (let pa: u32 = 0x1000; pa !== 0; pa += 0x1000) if (isHeld(pa)) taken++;
  expectU32(drain("3 GB after frameAllocAbove: frameAlloc hands out the skipped frames and the rest, none twice") + taken, usable, "every frame once, by one or the other");
  expectU32(above(0x1000, "drained"), 0, "drained: frameAllocAbove finds nothing either");
  freeAll("3 GB: every frame given back");
  expectU32(drain("3 GB, again"), usable, "3 GB, again: all of them");
}

/** The 4 GiB map with holes: a floor in a hole, in reserved memory, at the last frame below 4 GiB. */
function fourGiB(): void {
  mapReset();
  e820(0n, 0x9fc00n, 1);
  e820(0x100000n, 0x7fff0000n - 0x100000n, 1);
  e820(0x7fff0000n, 0x10000n, 3);
  e820(0x80400000n, 0xbffff800n - 0x80400000n, 1);
  e820(0xbfff0000n, 0x10000n, 2);
  e820(0xe0000000n, 0xfec00000n - 0xe0000000n, 1);
  e820(0xfec00000n, 0x201000n, 2);
  e820(0xfee01000n, 0x140000000n - 0xfee01000n, 1);
  kernelClaims();
  setUp();
  expectU32(above(0x80000000, "in the 4 MiB hole"), 0x80400000, "a floor in a hole: the next zone's first frame");
  expectU32(above(0xbfff0000, "in reserved memory"), 0xe0000000, "a floor in the PCI hole: the RAM after it");
  expectU32(above(0xfec00000, "the APIC pages"), 0xfee01000, "after the APIC pages");
  expectU32(above(0xfffff000, "the last frame"), 0xfffff000, "the last frame below 4 GiB, no wrap");
  expectU32(above(0xfffff000, "after the last frame"), 0, "then none");
  expectU32(above(0xffffffff, "the last byte"), 0, "a floor in the last page: none left there");
  give(0xfffff000);
  expectU32(above(0xffffffff, "the last byte, freed"), 0xfffff000, "the page holding the floor, given back, is found again");
  expectU32(frameAlloc(fa), 0x1000, "frameAlloc still starts at the bottom");
  setHeld(0x1000, true);
  freeAll("4 GiB: every frame given back");
  expectU32(drain("4 GiB after frameAllocAbove"), oracleCount(), "every usable frame, once");
}

export function testFrameAbove(): void {
  suite("frame-above");
  qemu3g();
  fourGiB();
}
