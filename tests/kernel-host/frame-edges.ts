// kernel/mm/frames.ts: edges (page 0, unaligned and tiny regions, RAM only
// above 4 GiB, a region wrapping at 2^64), refused frees, storage sizing,
// allocate/free patterns that exercise the holes and the hint, and random maps.

import { MemoryType } from "../../kernel/mm/physmap";
import { FrameResult, frameAlloc, frameAllocatorInit, frameFree, frameManaged, frameStorageBytes } from "../../kernel/mm/frames";
import { expect, expectU32, expectU64, suite } from "./check";
import { claim, e820, map, mapBuild, mapReset } from "./maps";
import { drain, fa, freeAll, highest, oracleCount, qemuFirmware, qemuMap, setUp, storage } from "./frames";
import { randomMap } from "./hostile-random";

function edges(): void {
  mapReset();
  e820(0n, 0x2000n, 1);
  setUp();
  expectU32(fa.usable, 1, "RAM [0, 0x2000): one usable frame (frame 0 is not)");
  expectU32(frameAlloc(fa), 0x1000, "RAM [0, 0x2000): it is 0x1000");
  expectU32(frameAlloc(fa), 0, "RAM [0, 0x2000): then none");
  expectU32(frameFree(fa, 0), FrameResult.NotManaged, "frame 0 cannot be freed into the allocator");

  mapReset();
  e820(0x1800n, 0x4000n, 1);
  setUp();
  expectU32(fa.usable, 3, "RAM [0x1800, 0x5800): the three whole pages");
  expectU32(drain("unaligned RAM: whole pages only"), 3, "unaligned RAM: three frames");

  mapReset();
  e820(0x3000n, 0x800n, 1);
  setUp();
  expectU32(fa.usable, 0, "half a page of RAM: nothing usable");
  expectU32(fa.zoneCount, 0, "half a page of RAM: no zone");
  expectU32(frameAlloc(fa), 0, "half a page of RAM: allocation fails with 0");
  expectU32(frameFree(fa, 0x3000), FrameResult.NotManaged, "half a page of RAM: its page is not managed");

  mapReset();
  e820(0x100000000n, 0x100000000n, 1);
  setUp();
  expectU32(fa.usable, 0, "RAM only above 4 GiB: nothing usable");
  expectU64(fa.highFrames, 0x100000n, "RAM only above 4 GiB: 4 GiB counted as high frames");

  mapReset();
  e820(0xffffffff00000000n, 0x200000000n, 1); // wraps past 2^64: cut at 2^64 - 1
  setUp();
  expectU64(fa.highFrames, 0xfffffn, "RAM wrapping at 2^64: the whole frames below 2^64 - 1");
  expectU32(fa.usable, 0, "RAM wrapping at 2^64: nothing usable");

  mapReset();
  qemuMap();
  setUp();
  expectU32(frameFree(fa, 0x200001), FrameResult.Misaligned, "free: a misaligned address is refused");
  expectU32(frameFree(fa, 0xa0000), FrameResult.NotManaged, "free: a frame in a hole is refused");
  expectU32(frameFree(fa, 0x101000), FrameResult.NotManaged, "free: a frame of the kernel image is refused");
  expectU32(frameFree(fa, 0x7fe0000), FrameResult.NotManaged, "free: a reserved frame is refused");
  expectU32(frameFree(fa, 0x200000), FrameResult.NotAllocated, "free: a frame never handed out is refused");
  const pa = frameAlloc(fa);
  expectU32(frameFree(fa, pa), FrameResult.Ok, "free: a frame handed out is taken back");
  expectU32(frameFree(fa, pa), FrameResult.NotAllocated, "free: the same frame twice is refused");
  expectU32(fa.free, fa.usable, "free: the refused frees changed no count");
  expect(frameManaged(fa, 0x11b000) && !frameManaged(fa, 0x11a000) && !frameManaged(fa, 0), "managed: exactly the usable frames");
}

/** The storage is checked, and sizing from the firmware map with slack covers the kernel's map. */
function storageSizing(): void {
  mapReset();
  qemuMap();
  mapBuild();
  const need = frameStorageBytes(map, 0);
  expectU32(u32(frameAllocatorInit(fa, map, addr(storage), need - 1)), u32(FrameResult.StorageTooSmall), "storage one byte short is refused");
  expectU32(u32(frameAllocatorInit(fa, map, addr(storage) + 2, need)), u32(FrameResult.StorageTooSmall), "misaligned storage is refused");

  // 64 frames of RAM (two bitmap words); a claim one frame in splits it into 1 + 62 frames (three words).
  mapReset();
  e820(0x100000n, 0x40000n, 1);
  mapBuild();
  const firmware = frameStorageBytes(map, 0);
  const withSlack = frameStorageBytes(map, 1);
  claim(0x101000n, 0x102000n, MemoryType.Initrd);
  mapBuild();
  const kernel = frameStorageBytes(map, 0);
  expect(kernel > firmware, "a split needs more storage than the firmware map alone");
  expect(kernel <= withSlack, "one split's slack covers it");

  // The boot's order: firmware map sized with slack for the 4 kernel claims, then the kernel map.
  mapReset();
  qemuMap(); // includes the three kernel claims; add an initrd in the middle of RAM
  claim(0x3000000n, 0x3400800n, MemoryType.Initrd);
  mapBuild();
  const kernelNeeds = frameStorageBytes(map, 0);
  mapReset();
  qemuFirmware();
  mapBuild();
  expect(kernelNeeds <= frameStorageBytes(map, 4), "firmware map + 4 claims of slack holds the kernel map's allocator");
}

/** Holes are reused lowest first, before fresh frames; a free below the hint moves it back. */
function patterns(): void {
  mapReset();
  qemuMap();
  setUp();
  const got: Arr<u32, 1000> = zeroed();
  for (let i: u32 = 0; i < 1000; i++) got[i] = frameAlloc(fa);
  let ascending = true;
  for (let i: u32 = 1; i < 1000; i++) if (got[i] <= got[i - 1]) ascending = false;
  expect(ascending, "fresh frames come lowest first");
  expectU32(got[158], 0x11b000, "after conventional memory, the first frame above the kernel region");
  for (let i: u32 = 0; i < 1000; i += 2) expectU32(frameFree(fa, got[i]), FrameResult.Ok, "free every other frame");
  expectU32(fa.free, fa.usable - 500, "500 frames held");
  let reused = true;
  for (let i: u32 = 0; i < 1000; i += 2) if (frameAlloc(fa) !== got[i]) reused = false;
  expect(reused, "the 500 holes come back lowest first");
  expectU32(frameAlloc(fa), got[999] + 0x1000, "then the first fresh frame");
  expectU32(frameFree(fa, got[990]), FrameResult.Ok, "a hole high up");
  expectU32(frameFree(fa, got[3]), FrameResult.Ok, "a hole low down, below the hint");
  expectU32(frameAlloc(fa), got[3], "the low hole first");
  expectU32(frameAlloc(fa), got[990], "then the high one");
  expectU32(fa.free, fa.usable - 1001, "1001 frames held");
  for (let i: u32 = 0; i < 1000; i++) frameFree(fa, got[i]);
  expectU32(frameFree(fa, got[999] + 0x1000), FrameResult.Ok, "the fresh one back too");
  expectU32(fa.free, fa.usable, "all back");
  expectU32(drain("after the patterns: every frame usable, none twice"), oracleCount(), "after the patterns: all of them");
  freeAll("after the patterns: all given back");
}

/** Random colliding maps (near 0, 4 GiB and 2^64; half pages; wrapping lengths): drained against the oracle. */
function randomMaps(): void {
  let frames: u32 = 0;
  let nearTop = false;
  for (let m: u32 = 0; m < 20; m++) {
    randomMap();
    setUp();
    const want = oracleCount();
    expectU32(fa.usable, want, "a random map: usable = the oracle's count");
    expectU32(drain("a random map: every frame usable RAM, none twice"), want, "a random map: every usable frame handed out");
    freeAll("a random map: every frame given back");
    frames += want;
    if (highest >= 0xfff00000) nearTop = true;
  }
  expect(frames > 100 && nearTop, "the random maps hand out frames, some in the last MiB below 4 GiB");
}

export function testFrameEdges(): void {
  suite("frame-edges");
  edges();
  storageSizing();
  patterns();
  randomMaps();
}
