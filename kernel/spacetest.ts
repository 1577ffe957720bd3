// `test=spaces` and `test=slab`: address spaces on the real MMU.
//
// test=spaces creates 100 spaces and maps 4 user pages in each, at the same
// user addresses in all of them, each page a frame of its own holding a
// pattern unique to its space; the odd spaces take their directory, tables
// and pages from above 1 GB when there is RAM there (frameAllocAbove). A
// kernel page is mapped only after that. Then, switched to each space (CR3),
// the kernel reads its pages through the user addresses -- a supervisor read
// of a user page is allowed, there is no SMAP -- and must see its own
// patterns only, and the kernel page; writes through a user address must land
// in the space's own frame; a page unmapped while the space runs and mapped
// again to a new frame must read the new frame (the unmap's invlpg: without
// it the TLB would still reach the old one). Finally every space is
// destroyed, and the free frame count and the cache's counts must be what
// they were. Any failure is a PANIC naming what broke.
//
// test=slab prints every cache's counts (caches.ts) around 300 address
// spaces created and half of them destroyed.
//
// Both run on the boot stack before the scheduler starts (kernel/main.ts):
// spaceActivate loads CR3 for the code running now, and a thread preempted
// there would come back on its context's directory, not the space's.
// tsuki: optimize for size

import { hasOption } from "./cmdline";
import { mapTemporary, unmapTemporary } from "./i686/kmap";
import { currentDirectory } from "./i686/mmu";
import { PAGE_PRESENT, directoryIndex, entryFrame } from "./i686/paging";
import { KLIMIT } from "./layout";
import { fmtStr } from "./format";
import { LogLevel, log, log1, log2, log3, log4, log5, log6 } from "./log";
import { checkSpaceOrPanic, kernelFrames, kernelTables, kernelVirtual } from "./memory";
import { reportCaches } from "./mm/caches";
import { frameAlloc, frameAllocAbove } from "./mm/frames";
import { kernelPageAlloc, kernelPageFree } from "./mm/kpages";
import { KvResult, kvTempInUse } from "./mm/kvspace";
import { slabShrink } from "./mm/slab";
import { AddressSpace, SPACE_RESULTS, SPACE_WRITABLE, SpaceEnv, SpaceResult, spaceActivate, spaceActivateKernel, spaceCreate, spaceDestroy } from "./mm/space";
import { SPACE_PROBLEMS, SpaceProblem, spaceCheck, spaceProblemAddress } from "./mm/spacecheck";
import { SpaceMapping, spaceLookup, spaceMap, spaceUnmap } from "./mm/spacemap";
import { addressSpaceCache, kernelSpaceEnv } from "./mm/spaces";
import { bootAlloc } from "./mm/bootheap";
import { panic, panic1, panic2, panic3, panicBegin, panicEnd } from "./panic";

const SPACES: u32 = 100;
const ONE_GIB: u32 = 0x40000000;
/** The same user addresses in every space: the first user page, another table, bit 31, the last page. */
const USER_PAGES: readonly u32[] = [KLIMIT, KLIMIT + 0x401000, 0x80000000, 0xfffff000];
/** The one read-only page of each space (the others are writable). */
const READ_ONLY_PAGE: u32 = 1;
/** A replacement page, for the invlpg check: the pattern of page index 4. */
const REMAPPED: u32 = 4;
/** Words of a page the patterns are written to and read from. */
const WORDS: readonly u32[] = [0, 2, 511, 1023];
const WRITTEN: u32 = 1;

/**
 * The spaces a test made, by index (300 addresses): taken from the boot heap
 * by the test mode that needs it, so that the image carries no zeros for it
 * and the tests' frame counts see no allocation of their own.
 */
let spaces: Ptr<usize> = ptr<usize>(0);
const SPACES_MAX: u32 = 300;

function takeSpaceTable(): void {
  const at = bootAlloc(SPACES_MAX * 4, 4);
  if (at === 0) panic("test: no room on the boot heap for the table of spaces");
  spaces = ptr<usize>(at);
}
/** The kernel's SpaceEnv, but frames from above 1 GB when there are some there. */
const high: SpaceEnv = zeroed();
let highDirectories: u32 = 0;
let highTables: u32 = 0;
let highPages: u32 = 0;

function pattern(space: u32, page: u32, word: u32): u32 {
  return u32((space + 1) * 0x9e3779b9) ^ (page << 28) ^ word;
}

/** A frame from above 1 GB if RAM is there, else any. */
function highFrame(): usize {
  const pa = frameAllocAbove(kernelFrames(), ONE_GIB);
  return pa !== 0 ? pa : frameAlloc(kernelFrames());
}

function spaceAt(i: u32): AddressSpace {
  return ref<AddressSpace>(spaces[i]);
}

/** Writes the patterns of (space, page) into `frame` through a temporary slot. */
function fill(frame: usize, space: u32, page: u32): void {
  const va = mapTemporary(kernelTables(), kernelVirtual(), frame);
  if (va === 0) panic("test=spaces: no temporary slot is free");
  const w = ptr<u32>(va);
  for (let k: u32 = 0; k < WORDS.length; k++) w[WORDS[k]] = pattern(space, page, WORDS[k]);
  if (unmapTemporary(kernelTables(), kernelVirtual(), va) !== KvResult.Ok) panic("test=spaces: the slot was not held");
}

function mapOrPanic(s: AddressSpace, va: u32, frame: usize, flags: u32): void {
  const r = spaceMap(s, va, frame, flags);
  if (r !== SpaceResult.Ok) panic2("test=spaces: mapping 0x%08x: %s", va, fmtStr(SPACE_RESULTS[r]));
}

/** Space i with its four pages (the odd ones built from high frames). */
function build(i: u32): void {
  const odd = (i & 1) !== 0;
  const s = spaceCreate(odd ? high : kernelSpaceEnv());
  if (s === null) {
    panic1("test=spaces: space %u could not be created", i);
    return;
  }
  spaces[i] = addr(s);
  if (s.directory >= ONE_GIB) highDirectories++;
  for (let p: u32 = 0; p < USER_PAGES.length; p++) {
    const frame = odd ? highFrame() : frameAlloc(kernelFrames());
    if (frame === 0) panic("test=spaces: no frame left");
    if (frame >= ONE_GIB) highPages++;
    fill(frame, i, p);
    mapOrPanic(s, USER_PAGES[p], frame, p === READ_ONLY_PAGE ? 0 : SPACE_WRITABLE);
  }
  countHighTables(s);
  const problem = spaceCheck(s);
  if (problem !== SpaceProblem.Ok) panic3("test=spaces: space %u fails its self-check at 0x%08x: %s", i, spaceProblemAddress(), fmtStr(SPACE_PROBLEMS[problem]));
}

/** The space's user tables above 1 GB, read from its directory. */
function countHighTables(s: AddressSpace): void {
  const va = mapTemporary(kernelTables(), kernelVirtual(), s.directory);
  if (va === 0) panic("test=spaces: no temporary slot is free");
  for (let p: u32 = 0; p < USER_PAGES.length; p++) {
    const pde = ptr<u32>(va)[directoryIndex(USER_PAGES[p])];
    if ((pde & PAGE_PRESENT) !== 0 && entryFrame(pde) >= ONE_GIB) highTables++;
  }
  unmapTemporary(kernelTables(), kernelVirtual(), va);
}

function expectWord(i: u32, va: u32, want: u32, what: CStr): void {
  const got = volatileLoad32(va);
  if (got === want) return;
  panicBegin();
  log5(LogLevel.Error, "test=spaces: space %u reads 0x%08x at 0x%08x, expected 0x%08x (%s)", i, got, va, want, fmtStr(what));
  panicEnd();
}

/** Running space i: its own patterns, the kernel page, a write, and an unmap's invlpg. */
function visit(i: u32, kernelPage: usize): void {
  const s = spaceAt(i);
  spaceActivate(s);
  if (currentDirectory() !== s.directory) panic1("test=spaces: CR3 does not hold space %u's directory", i);
  for (let p: u32 = 0; p < USER_PAGES.length; p++) {
    for (let k: u32 = 0; k < WORDS.length; k++) expectWord(i, USER_PAGES[p] + WORDS[k] * 4, pattern(i, p, WORDS[k]), "its own page");
  }
  expectWord(i, kernelPage, ~kernelPage, "the kernel page mapped after the spaces were made");
  volatileStore32(USER_PAGES[0] + WRITTEN * 4, ~pattern(i, 0, WRITTEN));
  // The last page is in the TLB now; unmapped, it must leave it, or the new frame stays out of reach.
  const last = USER_PAGES.length - 1;
  const fresh = frameAlloc(kernelFrames());
  if (fresh === 0) panic("test=spaces: no frame left");
  fill(fresh, i, REMAPPED);
  if (spaceUnmap(s, USER_PAGES[last]) !== SpaceResult.Ok) panic1("test=spaces: unmapping in space %u failed", i);
  mapOrPanic(s, USER_PAGES[last], fresh, SPACE_WRITABLE);
  expectWord(i, USER_PAGES[last], pattern(i, REMAPPED, 0), "a stale TLB entry after unmap (no invlpg?)");
}

/** What the write through space i's user address did: its own frame holds it. */
function checkWrite(i: u32): void {
  const m: SpaceMapping = zeroed();
  if (spaceLookup(spaceAt(i), USER_PAGES[0], m) !== SpaceResult.Ok) panic1("test=spaces: space %u lost its first page", i);
  const va = mapTemporary(kernelTables(), kernelVirtual(), m.frame);
  if (va === 0) panic("test=spaces: no temporary slot is free");
  const got = ptr<u32>(va)[WRITTEN];
  unmapTemporary(kernelTables(), kernelVirtual(), va);
  if (got !== ~pattern(i, 0, WRITTEN)) panic3("test=spaces: space %u's write is not in its frame 0x%08x (0x%08x there)", i, m.frame, got);
}

function destroyAll(n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const r = spaceDestroy(spaceAt(i));
    if (r !== SpaceResult.Ok) panic2("test=spaces: destroying space %u: %s", i, fmtStr(SPACE_RESULTS[r]));
  }
}

function spacesTest(): void {
  const env = kernelSpaceEnv();
  const cache = addressSpaceCache();
  const fa = kernelFrames();
  high.kernel = env.kernel;
  high.cache = env.cache;
  high.frameAlloc = highFrame;
  high.frameFree = env.frameFree;
  high.frameOwned = env.frameOwned;
  high.open = env.open;
  high.close = env.close;
  slabShrink(cache);
  const freeBefore = fa.free;
  const inUseBefore = cache.inUse;
  const slabsBefore = cache.slabs;
  for (let i: u32 = 0; i < SPACES; i++) build(i);
  const slabsMost = cache.slabs;
  const inUseMost = cache.inUse;
  log5(LogLevel.Info, "spaces: %u created, %u user pages each at 0x%08x 0x%08x 0x%08x", SPACES, USER_PAGES.length, USER_PAGES[0], USER_PAGES[1], USER_PAGES[2]);
  log4(LogLevel.Info, " 0x%08x (one read-only); above 1 GB: %u directories, %u tables, %u user pages\n", USER_PAGES[3], highDirectories, highTables, highPages);
  const kernelPage = kernelPageAlloc();
  if (kernelPage === 0) panic("test=spaces: no kernel page");
  volatileStore32(kernelPage, ~kernelPage);
  for (let i: u32 = 0; i < SPACES; i++) visit(i, kernelPage);
  spaceActivateKernel(env);
  if (currentDirectory() !== env.kernel.directory) panic("test=spaces: CR3 does not hold the kernel directory again");
  for (let i: u32 = 0; i < SPACES; i++) checkWrite(i);
  log2(LogLevel.Info, "spaces: each of the %u saw only its own pages through CR3, its writes in its own frames, and the kernel page at 0x%08x mapped after they were created\n", SPACES, kernelPage);
  log1(LogLevel.Info, "spaces: in each, a page unmapped while it ran and mapped to a new frame read the new frame (invlpg), %u times\n", SPACES);
  kernelPageFree(kernelPage);
  destroyAll(SPACES);
  slabShrink(cache);
  log3(LogLevel.Info, "spaces: %u destroyed; free pages before %u after %u\n", SPACES, freeBefore, fa.free);
  log6(
    LogLevel.Info,
    "spaces: cache \"address space\": %u in use in %u slabs before, %u in %u with all created, %u in %u after (its empty slab shrunk)\n",
    inUseBefore, slabsBefore, inUseMost, slabsMost, cache.inUse, cache.slabs,
  );
  if (fa.free !== freeBefore) panic2("test=spaces: %u free pages before, %u after", freeBefore, fa.free);
  const refused = env.refusedFrees + high.refusedFrees;
  if (refused !== 0) panic1("test=spaces: the frame allocator refused %u frames the spaces gave back", refused);
  if (inUseMost !== inUseBefore + SPACES || slabsMost === 0) panic("test=spaces: the spaces did not come from the address-space cache");
  if (cache.inUse !== inUseBefore || cache.slabs !== slabsBefore) panic("test=spaces: the address-space cache's counts did not come back");
  if (kvTempInUse(kernelVirtual()) !== 0) panic("test=spaces: a temporary slot is still held");
  checkSpaceOrPanic();
}

/** test=slab: the counts of every cache, with address spaces in use and after. */
function slabTest(): void {
  const n = SPACES_MAX;
  for (let i: u32 = 0; i < n; i++) {
    const s = spaceCreate(kernelSpaceEnv());
    if (s === null) {
      panic1("test=slab: space %u could not be created", i);
      return;
    }
    spaces[i] = addr(s);
  }
  for (let i: u32 = 0; i < n; i += 2) {
    if (spaceDestroy(spaceAt(i)) !== SpaceResult.Ok) panic1("test=slab: destroying space %u failed", i);
  }
  log1(LogLevel.Info, "slab: %u address spaces created, every other one destroyed:\n", n);
  reportCaches(LogLevel.Info);
  for (let i: u32 = 1; i < n; i += 2) {
    if (spaceDestroy(spaceAt(i)) !== SpaceResult.Ok) panic1("test=slab: destroying space %u failed", i);
  }
  log(LogLevel.Info, "slab: all destroyed:\n");
  reportCaches(LogLevel.Info);
  slabShrink(addressSpaceCache());
  log(LogLevel.Info, "slab: shrunk:\n");
  reportCaches(LogLevel.Info);
}

/**
 * test=spaces, on the boot stack before the scheduler runs: it loads other
 * spaces' directories into CR3 itself, which a preemptible thread must not
 * (a switch back would load its own directory).
 */
export function spaceTestModes(cmdline: usize): void {
  if (hasOption(cmdline, "test=spaces")) {
    takeSpaceTable();
    spacesTest();
  }
}

/** test=slab, on the first thread, once every cache exists (threads, processes, spaces). */
export function slabTestMode(cmdline: usize): void {
  if (hasOption(cmdline, "test=slab")) {
    takeSpaceTable();
    slabTest();
  }
}
