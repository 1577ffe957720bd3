// kernel/mm/space.ts and spacemap.ts when memory runs out midway: no frame
// for a directory or a table, no temporary mapping (the open budget), no
// slab page for the object -- at every step of building a space, one budget
// at a time. Each failure must leave the space, the frame pool and the cache
// as they were (nothing lost, nothing half-made); the space still passes its
// self-check and destroy still returns every frame. Also: the self-check
// names each broken rule.

import { PAGE_GLOBAL, PAGE_PRESENT, PAGE_USER, PAGE_WRITABLE, entryFrame } from "../../kernel/i686/paging";
import { KLIMIT } from "../../kernel/layout";
import { SlabCache, SlabResult, slabCacheInit } from "../../kernel/mm/slab";
import { AddressSpace, SPACE_WRITABLE, SpaceEnv, SpaceResult, spaceCreate, spaceDestroy } from "../../kernel/mm/space";
import { SpaceProblem, spaceCheck, spaceProblemAddress } from "../../kernel/mm/spacecheck";
import { SpaceMapping, spaceLookup, spaceMap, spaceUnmap } from "../../kernel/mm/spacemap";
import { expect, expectU32, suite } from "./check";
import { UNLIMITED, cache, env, expectClean, frameUsed, framesUsed, poolAt, setFrameBudget, setOpenBudget, spaceFixture, takeFrame } from "./spacefix";

/** Three pages in three 4 MiB slots: each needs a table of its own. */
const ADDRESSES: readonly u32[] = [KLIMIT, 0x80000000, 0xfffff000];
const data: Arr<u32, 3> = zeroed();
const out: SpaceMapping = zeroed();
const noPages: SlabCache = zeroed();
const starved: SpaceEnv = zeroed();

function noPage(): usize {
  return 0;
}

function noFree(va: usize): void {
  expect(va === 0xffffffff, "a cache with no pages frees none");
}

/** Everything the test holds (data frames) plus what the space holds, against the pool. */
function expectOnly(extra: u32, what: CStr): void {
  expectU32(framesUsed(), 3 + extra, what);
}

function budget(n: u32, opens: bool): void {
  setOpenBudget(opens ? n : UNLIMITED);
  setFrameBudget(opens ? UNLIMITED : n);
}

/**
 * Builds a space of three pages with `n` frames (or opens) for the whole
 * build; returns the step that failed (0: creation, 1..3: a map, 4: none).
 * Each count is checked without opening anything (that would spend the
 * budget); the lookups come after. Ends with the space destroyed and the
 * data frames given back.
 */
function build(n: u32, opens: bool): u32 {
  budget(n, opens);
  const s = spaceCreate(env);
  if (s === null) {
    budget(UNLIMITED, opens);
    expectOnly(0, "a failed create keeps no frame");
    expectU32(cache.inUse, 0, "a failed create gives the object back");
    expectClean("a failed create closes what it opened");
    for (let i: u32 = 0; i < 3; i++) env.frameFree(data[i]);
    return 0;
  }
  let step: u32 = 4;
  for (let i: u32 = 0; i < 3 && step === 4; i++) {
    const tables = s.tables;
    const frames = framesUsed();
    const r = spaceMap(s, ADDRESSES[i], data[i], SPACE_WRITABLE);
    if (r === SpaceResult.Ok) continue;
    step = 1 + i;
    expectU32(u32(r), u32(SpaceResult.NoMemory), "a map that runs out says so");
    expect(s.tables === tables && s.pages === i && framesUsed() === frames, "the failed map changed no count and kept no frame");
  }
  budget(UNLIMITED, opens);
  if (step !== 4) expectU32(u32(spaceLookup(s, ADDRESSES[step - 1], out)), u32(SpaceResult.NotMapped), "the failed page is not mapped");
  for (let i: u32 = 0; i + 1 < step && i < 3; i++) expect(spaceLookup(s, ADDRESSES[i], out) === SpaceResult.Ok && out.frame === data[i], "the pages before it are");
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "after a failure the space passes its self-check");
  expectClean("after a failure every open is closed");
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.Ok), "destroy after a failure");
  // The frames mapped went with the space; the test gives the others back.
  for (let i: u32 = 0; i < 3; i++) {
    if (i + 1 < step) expect(!frameUsed(data[i]), "a mapped frame went back with the space");
    else env.frameFree(data[i]);
  }
  return step;
}

/** Every budget from 0 until a build succeeds: each failure point is hit once, in order, and none loses anything. */
function everyStep(opens: bool, needed: u32, what: CStr): void {
  spaceFixture();
  let n: u32 = 0;
  let failures: u32 = 0;
  for (; n < 20; n++) {
    for (let i: u32 = 0; i < 3; i++) data[i] = takeFrame();
    const step = build(n, opens);
    expectU32(framesUsed() + cache.inUse, 0, "nothing lost, nothing half-made");
    if (step === 4) break;
    failures++;
  }
  expectU32(n, needed, what);
  expectU32(failures, needed, "every smaller budget failed");
  expectClean("every open closed, no frame freed twice");
}

/** Destroy that cannot open a table: the freed tables are gone, the rest stays whole; a retry ends it. */
function destroyMidway(): void {
  spaceFixture();
  const s = spaceCreate(env);
  if (s === null) {
    expect(false, "create");
    return;
  }
  for (let i: u32 = 0; i < 3; i++) spaceMap(s, ADDRESSES[i], takeFrame(), SPACE_WRITABLE);
  expectU32(framesUsed(), 7, "directory, three tables, three pages");
  setOpenBudget(2); // the directory and the first table
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.NoMemory), "destroy runs out of temporary mappings");
  setOpenBudget(UNLIMITED);
  expect(s.tables === 2 && s.pages === 2 && framesUsed() === 5, "the first table and its page went back, the rest is whole");
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "the space passes its self-check");
  setOpenBudget(0);
  expectU32(u32(spaceUnmap(s, ADDRESSES[1])), u32(SpaceResult.NoMemory), "unmap with no temporary mapping");
  expectU32(u32(spaceLookup(s, ADDRESSES[1], out)), u32(SpaceResult.NoMemory), "lookup with no temporary mapping");
  setOpenBudget(1);
  expectU32(u32(spaceUnmap(s, ADDRESSES[1])), u32(SpaceResult.NoMemory), "unmap that cannot open the table");
  setOpenBudget(UNLIMITED);
  expect(spaceLookup(s, ADDRESSES[1], out) === SpaceResult.Ok && out.frame !== 0, "still mapped after the failed unmaps");
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.Ok), "the retry finishes");
  expectU32(framesUsed() + cache.inUse, 0, "everything back");
  expectClean("destroy midway: every open closed");
}

/** A cache that cannot grow: no space, and no frame taken for one. */
function noObject(): void {
  spaceFixture();
  expect(slabCacheInit(noPages, "starved", sizeOf<AddressSpace>(), 16, 0, noPage, noFree) === SlabResult.Ok, "the starved cache");
  starved.kernel = env.kernel;
  starved.cache = noPages;
  starved.frameAlloc = env.frameAlloc;
  starved.frameFree = env.frameFree;
  starved.frameOwned = env.frameOwned;
  starved.open = env.open;
  starved.close = env.close;
  expect(spaceCreate(starved) === null, "no object, no space");
  expect(framesUsed() === 0 && noPages.failures === 1, "no frame taken, the failure counted");
}

function broken(s: AddressSpace, want: SpaceProblem, where: u32, what: CStr): void {
  expectU32(u32(spaceCheck(s)), u32(want), what);
  expectU32(spaceProblemAddress(), where, what);
  expectClean("the self-check closes what it opens");
}

/** The self-check catches each broken rule, naming the place. */
function checkFires(): void {
  spaceFixture();
  const s = spaceCreate(env);
  if (s === null) {
    expect(false, "create");
    return;
  }
  spaceMap(s, KLIMIT, takeFrame(), SPACE_WRITABLE);
  const dir = ptr<u32>(poolAt(s.directory));
  const table = ptr<u32>(poolAt(entryFrame(dir[32])));
  const kernel5 = dir[5];
  dir[5] = dir[6];
  broken(s, SpaceProblem.KernelHalf, 5 << 22, "a kernel entry that is not the kernel's");
  dir[5] = kernel5;
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "restored");
  const pde = dir[32];
  dir[32] = pde & ~PAGE_USER;
  broken(s, SpaceProblem.UserTable, KLIMIT, "a supervisor user table");
  dir[32] = pde | 0x80;
  broken(s, SpaceProblem.UserTable, KLIMIT, "a 4 MiB page above KLIMIT");
  dir[32] = pde;
  dir[40] = 0x1000; // not present, but not empty either
  broken(s, SpaceProblem.UserTable, 40 << 22, "garbage in an empty directory entry");
  dir[40] = 0;
  const pte = table[0];
  table[0] = pte | PAGE_GLOBAL;
  broken(s, SpaceProblem.UserPage, KLIMIT, "a global user page");
  table[0] = pte & ~PAGE_USER;
  broken(s, SpaceProblem.UserPage, KLIMIT, "a supervisor page above KLIMIT");
  table[0] = pte;
  table[9] = 0x5000;
  broken(s, SpaceProblem.UserPage, KLIMIT + 0x9000, "garbage in an empty table entry");
  table[9] = 0;
  table[7] = 0x5000 | PAGE_PRESENT | PAGE_USER | PAGE_WRITABLE;
  broken(s, SpaceProblem.Counts, 0, "a page the counts do not know");
  table[7] = 0;
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "all restored");
  setOpenBudget(1);
  broken(s, SpaceProblem.Unreachable, KLIMIT, "a table it cannot open");
  setOpenBudget(UNLIMITED);
  spaceDestroy(s);
  expectU32(framesUsed(), 0, "destroyed");
}

export function testSpaceFailures(): void {
  suite("space-failures");
  // Frames: the directory, then a table per map.
  everyStep(false, 4, "frames: the build needs 4 (a directory, 3 tables)");
  // Opens: create 1, each map 2 (the directory, then the new table): 7, and each of the 7 can fail.
  everyStep(true, 7, "opens: the build needs 7");
  destroyMidway();
  noObject();
  checkFires();
}
