// `test=memory`: every free frame allocated, written through a temporary
// mapping with a pattern unique to it, read back, freed -- twice -- and the
// free count back where it started each time. It proves the frame allocator
// hands out every page it counts, each once, also above KLIMIT where only
// the temporary slots reach it.
//
// The pages are their own list: each stores the address of the page taken
// before it, so no storage grows with RAM. A few words per page (its link,
// its sequence number, its address in two forms at both ends of the page)
// catch a frame handed out twice (the later write breaks the earlier page's
// sequence), addresses that alias, and a slot still showing an old frame,
// while keeping a 3 GB guest fast under QEMU's TCG.
// tsuki: optimize for size

import { mapTemporary, unmapTemporary } from "./i686/kmap";
import { KLIMIT } from "./layout";
import { fmtStr } from "./format";
import { LogLevel, log, log1, log6 } from "./log";
import { checkSpaceOrPanic, kernelFrames, kernelTables, kernelVirtual } from "./memory";
import { FRAME_RESULTS, FrameResult, frameAlloc, frameFree } from "./mm/frames";
import { kernelPageAlloc, kernelPageFree } from "./mm/kpages";
import { KvResult, kvTempAcquire, kvTempRelease } from "./mm/kvspace";
import { panic, panic2, panic4 } from "./panic";

const ONE_GIB: u32 = 0x40000000;
const LAST_WORD: u32 = 1023;
const MIDDLE_WORD: u32 = 512;

function slotFor(pa: u32): Ptr<u32> {
  const va = mapTemporary(kernelTables(), kernelVirtual(), pa);
  if (va === 0) panic("test=memory: no temporary slot is free");
  return ptr<u32>(va);
}

function release(words: Ptr<u32>): void {
  if (unmapTemporary(kernelTables(), kernelVirtual(), addr(words)) !== KvResult.Ok) panic("test=memory: the slot was not held");
}

function seed(pass: u32): u32 {
  return u32(0x9e3779b9 * pass);
}

function mismatch(pa: u32, word: u32, got: u32, want: u32): void {
  panic4("test=memory: page 0x%08x word %u reads 0x%08x, expected 0x%08x", pa, word, got, want);
}

/** One pass: allocate everything, write, read back newest first, free. */
function memoryPass(pass: u32): void {
  const fa = kernelFrames();
  const start = fa.free;
  const s = seed(pass);
  let head: u32 = 0;
  let count: u32 = 0;
  let above128: u32 = 0;
  let above1g: u32 = 0;
  for (let pa = frameAlloc(fa); pa !== 0; pa = frameAlloc(fa)) {
    const w = slotFor(pa);
    w[0] = head;
    w[1] = count;
    w[2] = pa ^ s;
    w[MIDDLE_WORD] = count ^ s;
    w[LAST_WORD] = ~pa;
    release(w);
    head = pa;
    count++;
    if (pa >= KLIMIT) above128++;
    if (pa >= ONE_GIB) above1g++;
  }
  if (count !== start || fa.free !== 0) panic("test=memory: the allocator ran out before its free count said");
  let n = count;
  let pa = head;
  while (pa !== 0) {
    if (n === 0) panic("test=memory: more pages linked than were allocated (a frame handed out twice?)");
    n--;
    const w = slotFor(pa);
    const next = w[0];
    if (w[1] !== n) mismatch(pa, 1, w[1], n);
    if (w[2] !== (pa ^ s)) mismatch(pa, 2, w[2], pa ^ s);
    if (w[MIDDLE_WORD] !== (n ^ s)) mismatch(pa, MIDDLE_WORD, w[MIDDLE_WORD], n ^ s);
    if (w[LAST_WORD] !== ~pa) mismatch(pa, LAST_WORD, w[LAST_WORD], ~pa);
    release(w);
    const r = frameFree(fa, pa);
    if (r !== FrameResult.Ok) panic2("test=memory: freeing 0x%08x: %s", pa, fmtStr(FRAME_RESULTS[r]));
    pa = next;
  }
  if (n !== 0) panic("test=memory: fewer pages linked than were allocated");
  log6(
    LogLevel.Info,
    "memory: pass %u: %u pages allocated, written, read back and freed (%u above 128 MB, %u above 1 GB); free %u, at start %u\n",
    pass, count, above128, above1g, fa.free, start,
  );
  if (fa.free !== start) panic("test=memory: the free count did not come back");
}

/**
 * The self-check must accept what the allocators map: a held temporary slot
 * and a kernel page, and refuse neither; with both gone the half is as before.
 */
function spaceWithMappings(): void {
  const kv = kernelVirtual();
  const fa = kernelFrames();
  const before = fa.free;
  const page = kernelPageAlloc();
  if (page === 0) panic("test=memory: no kernel page");
  ptr<u32>(page)[0] = 0x600dcafe;
  const pa = frameAlloc(fa);
  const w = slotFor(pa);
  w[0] = 1;
  checkSpaceOrPanic();
  release(w);
  frameFree(fa, pa);
  kernelPageFree(page);
  checkSpaceOrPanic();
  // A slot held but not mapped is fine too; released, it must be unmapped.
  const slot = kvTempAcquire(kv);
  checkSpaceOrPanic();
  kvTempRelease(kv, slot);
  if (fa.free !== before) panic("test=memory: a kernel page's frame was not given back");
  log1(LogLevel.Info, "memory: the address-space self-check accepts a kernel page at 0x%08x and a held temporary slot\n", page);
}

export function memoryTest(): void {
  spaceWithMappings();
  memoryPass(1);
  memoryPass(2);
  checkSpaceOrPanic();
  log(LogLevel.Info, "memory: done, no temporary slot left mapped\n");
}
