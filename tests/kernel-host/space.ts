// kernel/mm/space.ts and spacemap.ts: page-directory construction with the
// shared kernel half (all 32 entries the kernel directory's own, the user
// half empty over a frame full of garbage), user mappings with tables made
// on demand, lookups, refusals that change nothing, unmap (and its invlpg
// only in the running space, before the frame goes back), CR3 on switch,
// isolation of spaces at the same addresses, a kernel mapping made after
// creation seen by every space, and destroy returning every frame. The
// stand-ins are in spacefix.ts; failures midway are space-failures.ts.

import {
  PAGE_GLOBAL,
  PAGE_PRESENT,
  PAGE_USER,
  PAGE_WRITABLE,
  TABLE_SPAN,
  directoryEntry,
  entryFrame,
  lookup,
  mapPage,
  setEntry,
  tableIndex,
} from "../../kernel/i686/paging";
import { KLIMIT } from "../../kernel/layout";
import { AddressSpace, SPACE_WRITABLE, SpaceResult, spaceActivate, spaceActivateKernel, spaceCreate, spaceDestroy, spaceRunning } from "../../kernel/mm/space";
import { SpaceProblem, spaceCheck } from "../../kernel/mm/spacecheck";
import { SpaceMapping, spaceLookup, spaceMap, spaceMapFresh, spaceUnmap } from "../../kernel/mm/spacemap";
import { kernelTableAt } from "../../kernel/mm/vm";
import { expect, expectU32, literalAddress, suite } from "./check";
import { BOOT_END, cache, env, expectClean, frameUsed, framesUsed, inPool, kernel, lastFreeAt, poolAt, spaceFixture, takeFrame } from "./spacefix";

const LAST_PAGE: u32 = 0xfffff000;
const out: SpaceMapping = zeroed();
const KERNEL_ADDRESSES: readonly u32[] = [0, 0xfff, 0x1000, 0x100000, 0x07fff000];
const BAD_FLAGS: readonly u32[] = [2, 4, 0x100, 3, 0xffffffff, 0x80000000];

/** The user page table entry of `va` in a space's directory, read through the pool (0: none). */
function userEntry(directory: usize, va: usize): u32 {
  const pde = ptr<u32>(poolAt(directory))[va >>> 22];
  if ((pde & PAGE_PRESENT) === 0) return 0;
  return ptr<u32>(poolAt(entryFrame(pde)))[tableIndex(va)];
}

function invlpgs(from: u32, va: usize): u32 {
  let n: u32 = 0;
  for (let i = from; i < machineLogLength(); i++) {
    const c = machineLogEntry(i);
    if (c.op === machineOp("invlpg") && c.arg === va) n++;
  }
  return n;
}

function construction(): void {
  spaceFixture();
  machineReset();
  const s = spaceCreate(env);
  expect(s !== null, "a space is created");
  if (s === null) return;
  expectU32(framesUsed(), 1, "one frame: the directory");
  expect(inPool(s.directory), "the directory is a frame from the allocator");
  const dir = ptr<u32>(poolAt(s.directory));
  let same: u32 = 0;
  for (let slot: u32 = 0; slot < 32; slot++) {
    if (dir[slot] === directoryEntry(kernel, slot * TABLE_SPAN) && entryFrame(dir[slot]) === kernelTableAt(BOOT_END, slot)) same++;
    expectU32(dir[slot] & (PAGE_PRESENT | PAGE_USER), PAGE_PRESENT, "a kernel entry: present, supervisor");
  }
  expectU32(same, 32, "all 32 kernel entries are the kernel directory's: the same shared tables");
  let empty: u32 = 0;
  for (let slot: u32 = 32; slot < 1024; slot++) if (dir[slot] === 0) empty++;
  expectU32(empty, 992, "the 992 user entries are empty (the frame held garbage)");
  expectU32(s.tables + s.pages, 0, "no tables, no pages");
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "the new space passes its self-check");
  expectU32(cache.inUse, 1, "the object came from the cache");
  expectClean("construction: every open closed");
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.Ok), "destroyed");
  expectU32(framesUsed() + cache.inUse, 0, "the directory and the object are back");
}

function mappings(): void {
  spaceFixture();
  const s = spaceCreate(env);
  if (s === null) {
    expect(false, "create");
    return;
  }
  const a = takeFrame();
  const b = takeFrame();
  const c = takeFrame();
  expectU32(u32(spaceMap(s, KLIMIT, a, SPACE_WRITABLE)), u32(SpaceResult.Ok), "map the first user page, writable");
  expectU32(s.tables, 1, "a table made on demand");
  expectU32(framesUsed(), 5, "directory + 3 data frames + the table");
  const pde = ptr<u32>(poolAt(s.directory))[32];
  expectU32(pde & 0xfff, PAGE_PRESENT | PAGE_WRITABLE | PAGE_USER, "the user table's directory entry: user, writable");
  expect(inPool(entryFrame(pde)), "the table is a frame from the allocator");
  expectU32(userEntry(s.directory, KLIMIT), a | PAGE_PRESENT | PAGE_WRITABLE | PAGE_USER, "the page: present, user, writable, not global");
  let zero: u32 = 0;
  for (let i: u32 = 1; i < 1024; i++) if (ptr<u32>(poolAt(entryFrame(pde)))[i] === 0) zero++;
  expectU32(zero, 1023, "the new table was zeroed (the frame held garbage)");
  expectU32(u32(spaceLookup(s, KLIMIT, out)), u32(SpaceResult.Ok), "lookup finds it");
  expect(out.frame === a && out.writable, "lookup: frame and writable");
  expectU32(u32(spaceMap(s, KLIMIT + 0x1000, b, 0)), u32(SpaceResult.Ok), "map the next page read-only");
  expectU32(s.tables, 1, "the same table");
  expectU32(userEntry(s.directory, KLIMIT + 0x1000), b | PAGE_PRESENT | PAGE_USER, "read-only: no R/W bit");
  expect(spaceLookup(s, KLIMIT + 0x1000, out) === SpaceResult.Ok && out.frame === b && !out.writable, "lookup: read-only");
  expectU32(u32(spaceMap(s, LAST_PAGE, c, SPACE_WRITABLE)), u32(SpaceResult.Ok), "map the last page below 4 GiB");
  expectU32(s.tables, 2, "a second table, for slot 1023");
  expect(spaceLookup(s, LAST_PAGE, out) === SpaceResult.Ok && out.frame === c, "lookup the last page");
  expectU32(u32(spaceLookup(s, KLIMIT + 0x2000, out)), u32(SpaceResult.NotMapped), "an empty entry of a table");
  expectU32(out.frame, 0, "nothing found: frame 0");
  expectU32(u32(spaceLookup(s, 0x80000000, out)), u32(SpaceResult.NotMapped), "a slot with no table");
  expectU32(s.pages, 3, "three pages");
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "the self-check passes");
  // A kernel mapping made now is in the shared table the space points at.
  expect(mapPage(kernel, 0x200000, 0x200000, PAGE_GLOBAL | PAGE_WRITABLE), "a kernel mapping after the space was made");
  const kpde = ptr<u32>(poolAt(s.directory))[0];
  const seen = ptr<u32>(entryFrame(kpde) + kernel.window)[tableIndex(0x200000)];
  expect(seen === lookup(kernel, 0x200000) && (seen & PAGE_PRESENT) !== 0, "the space sees the new kernel mapping through the shared table");
  setEntry(kernel, 0x200000, 0);
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "still its self-check: the kernel half is the kernel's");
  expectClean("mappings: every open closed");
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.Ok), "destroyed");
  expectU32(framesUsed(), 0, "the data frames, the tables and the directory are all back: the space owned them");
  expectClean("mappings: destroy freed each frame once");
}

function refusals(): void {
  spaceFixture();
  const s = spaceCreate(env);
  if (s === null) {
    expect(false, "create");
    return;
  }
  const a = takeFrame();
  const b = takeFrame();
  expectU32(u32(spaceMap(s, KLIMIT, a, SPACE_WRITABLE)), 0, "map");
  const used = framesUsed();
  const stray = takeFrame();
  expect(stray !== 0, "a frame");
  // Given back: the allocator no longer owns it out.
  env.frameFree(stray);
  for (let i: u32 = 0; i < KERNEL_ADDRESSES.length; i++) {
    expectU32(u32(spaceMap(s, KERNEL_ADDRESSES[i], b, SPACE_WRITABLE)), u32(SpaceResult.KernelAddress), "a kernel address is refused");
    expectU32(u32(spaceUnmap(s, KERNEL_ADDRESSES[i])), u32(SpaceResult.KernelAddress), "unmap refuses a kernel address");
    expectU32(u32(spaceLookup(s, KERNEL_ADDRESSES[i], out)), u32(SpaceResult.KernelAddress), "lookup refuses a kernel address");
  }
  expectU32(u32(spaceMap(s, KLIMIT + 0x1001, b, 0)), u32(SpaceResult.Misaligned), "an unaligned address");
  expectU32(u32(spaceMap(s, KLIMIT + 0x1800, b, 0)), u32(SpaceResult.Misaligned), "an unaligned address (middle)");
  expectU32(u32(spaceMap(s, KLIMIT + 0x1000, b + 4, 0)), u32(SpaceResult.Misaligned), "an unaligned frame");
  expectU32(u32(spaceMap(s, KLIMIT + 0x1000, 0, 0)), u32(SpaceResult.BadFrame), "frame 0");
  expectU32(u32(spaceMap(s, KLIMIT + 0x1000, stray, 0)), u32(SpaceResult.BadFrame), "a free frame");
  expectU32(u32(spaceMap(s, KLIMIT + 0x1000, 0x101000, 0)), u32(SpaceResult.BadFrame), "kernel text: not the allocator's");
  expectU32(u32(spaceMap(s, KLIMIT + 0x1000, 0xb8000, SPACE_WRITABLE)), u32(SpaceResult.BadFrame), "the VGA page");
  for (let i: u32 = 0; i < BAD_FLAGS.length; i++) {
    expectU32(u32(spaceMap(s, KLIMIT + 0x1000, b, BAD_FLAGS[i])), u32(SpaceResult.BadFlags), "flags other than SPACE_WRITABLE");
  }
  expectU32(u32(spaceMap(s, KLIMIT, b, 0)), u32(SpaceResult.AlreadyMapped), "a page already mapped");
  expect(spaceLookup(s, KLIMIT, out) === SpaceResult.Ok && out.frame === a && out.writable, "the first mapping is untouched");
  expectU32(u32(spaceLookup(s, KLIMIT + 0x1000, out)), u32(SpaceResult.NotMapped), "nothing was mapped by a refusal");
  expect(framesUsed() === used && s.pages === 1 && s.tables === 1, "the refusals took no frame and changed no count");
  expectU32(u32(spaceCheck(s)), u32(SpaceProblem.Ok), "the self-check still passes");
  expect(frameUsed(b), "b is still the caller's");
  expectClean("refusals: every open closed");
  spaceDestroy(s);
  expectU32(framesUsed(), 1, "destroy gave back what the space owned, not b");
}

function unmapAndSwitch(): void {
  spaceFixture();
  machineReset();
  machineSetCr(3, BOOT_END); // the kernel directory is running
  const s = spaceCreate(env);
  if (s === null) {
    expect(false, "create");
    return;
  }
  const a = takeFrame();
  const b = takeFrame();
  spaceMap(s, KLIMIT, a, SPACE_WRITABLE);
  spaceMap(s, KLIMIT + 0x1000, b, 0);
  const used = framesUsed();
  let mark = machineLogLength();
  expectU32(u32(spaceUnmap(s, KLIMIT)), u32(SpaceResult.Ok), "unmap");
  expect(!frameUsed(a) && framesUsed() === used - 1, "the frame went back");
  expectU32(invlpgs(mark, KLIMIT), 0, "no invlpg for a space that is not running");
  expectU32(u32(spaceLookup(s, KLIMIT, out)), u32(SpaceResult.NotMapped), "unmapped");
  expectU32(userEntry(s.directory, KLIMIT), 0, "the entry is clear");
  expectU32(u32(spaceUnmap(s, KLIMIT)), u32(SpaceResult.NotMapped), "unmapping twice is refused");
  expectU32(u32(spaceUnmap(s, 0x80000000)), u32(SpaceResult.NotMapped), "unmap where there is no table");
  expectU32(s.tables, 1, "the table stays while a page in it is mapped");
  mark = machineLogLength();
  spaceActivate(s);
  expect(machineLogLength() === mark + 1 && machineLogEntry(mark).op === machineOp("writeCr3") && machineLogEntry(mark).value === u64(s.directory), "activate: CR3 loaded with the directory");
  expect(spaceRunning(s), "running");
  mark = machineLogLength();
  expectU32(u32(spaceUnmap(s, KLIMIT + 0x1000)), u32(SpaceResult.Ok), "unmap in the running space");
  expectU32(invlpgs(mark, KLIMIT + 0x1000), 1, "invlpg of the page in the running space");
  expectU32(s.tables, 0, "its last page unmapped, the table went back too");
  expectU32(ptr<u32>(poolAt(s.directory))[32], 0, "and its directory entry is clear");
  let at: u32 = machineLogLength();
  for (let i = mark; i < machineLogLength(); i++) if (machineLogEntry(i).op === machineOp("invlpg")) at = i;
  expect(at < lastFreeAt, "the TLB entry is dropped before the frame goes back");
  const before = framesUsed();
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.Running), "the running space cannot be destroyed");
  expect(framesUsed() === before && cache.inUse === 1, "the refusal freed nothing");
  mark = machineLogLength();
  spaceActivateKernel(env);
  expect(machineLogEntry(mark).op === machineOp("writeCr3") && machineLogEntry(mark).value === u64(BOOT_END), "back to the kernel directory");
  expect(!spaceRunning(s), "no longer running");
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.Ok), "now it can be destroyed");
  expectU32(framesUsed() + cache.inUse, 0, "everything back");
  expectClean("unmap: every open closed");
}

/** Three spaces map the same address to their own frames; each sees only its own. */
function isolation(): void {
  spaceFixture();
  machineReset();
  const frames: Arr<u32, 3> = zeroed();
  const spaces: Arr<usize, 3> = zeroed();
  for (let i: u32 = 0; i < 3; i++) {
    const s = spaceCreate(env);
    if (s === null) {
      expect(false, "create");
      return;
    }
    spaces[i] = addr(s);
    frames[i] = takeFrame();
    ptr<u32>(poolAt(frames[i]))[0] = 0x5ace0000 + i;
    expectU32(u32(spaceMap(s, KLIMIT, frames[i], SPACE_WRITABLE)), 0, "map the same address in each");
  }
  for (let i: u32 = 0; i < 3; i++) {
    const s = ref<AddressSpace>(spaces[i]);
    const e = userEntry(s.directory, KLIMIT);
    expectU32(entryFrame(e), frames[i], "each space maps its own frame");
    expectU32(ptr<u32>(poolAt(entryFrame(e)))[0], 0x5ace0000 + i, "and reads its own pattern there");
  }
  const dirs = ptr<u32>(poolAt(ref<AddressSpace>(spaces[0]).directory));
  expect(dirs[32] !== ptr<u32>(poolAt(ref<AddressSpace>(spaces[1]).directory))[32], "their user tables are their own");
  for (let i: u32 = 0; i < 3; i++) expectU32(u32(spaceDestroy(ref<AddressSpace>(spaces[i]))), 0, "destroy");
  expectU32(framesUsed() + cache.inUse, 0, "three spaces: every frame back");
  expectClean("isolation: every open closed");
}

/** spaceMapFresh: a frame of its own, zeroed but for the bytes given, mapped; a refusal keeps nothing. */
function freshPages(): void {
  spaceFixture();
  const s = spaceCreate(env);
  if (s === null) {
    expect(false, "create");
    return;
  }
  const used = framesUsed();
  expectU32(u32(spaceMapFresh(s, KLIMIT + 0x3000, 0, literalAddress("tsuki"), 0xffc, 4)), u32(SpaceResult.Ok), "a fresh page with 4 bytes at its end");
  expectU32(framesUsed(), used + 2, "a frame for the page and one for its table");
  expectU32(u32(spaceLookup(s, KLIMIT + 0x3000, out)), u32(SpaceResult.Ok), "mapped");
  expect(!out.writable, "read-only, as asked");
  const bytes = ptr<u8>(poolAt(out.frame));
  let zeros: u32 = 0;
  for (let i: u32 = 0; i < 0xffc; i++) if (bytes[i] === 0) zeros++;
  expectU32(zeros, 0xffc, "zero before the bytes (the frame held garbage)");
  expect(bytes[0xffc] === 0x74 && bytes[0xfff] === 0x6b, "the bytes at their offset: \"tsuk\"");
  const before = framesUsed();
  expectU32(u32(spaceMapFresh(s, KLIMIT + 0x3000, 0, 0, 0, 0)), u32(SpaceResult.AlreadyMapped), "over a mapped page: refused");
  expectU32(framesUsed(), before, "and its frame went back");
  expectU32(u32(spaceDestroy(s)), u32(SpaceResult.Ok), "destroy");
}

export function testSpace(): void {
  suite("space");
  freshPages();
  construction();
  mappings();
  refusals();
  unmapAndSwitch();
  isolation();
}
