// The self-check of one address space: the invariants at the top of
// space.ts, walked entry by entry -- the kernel half is the kernel
// directory's own 32 entries, every user directory entry is empty or a user
// page table, every user page is present + user and not global, and the
// space's counts are what its tables hold. test=spaces runs it on every
// space; tests/kernel-host/space.ts breaks each rule once.

import {
  ENTRIES_PER_TABLE,
  PAGE_GLOBAL,
  PAGE_LARGE,
  PAGE_PRESENT,
  PAGE_USER,
  PAGE_WRITABLE,
  TABLE_SPAN,
  directoryEntry,
  entryFrame,
} from "../i686/paging";
import { KERNEL_PAGE_TABLES } from "./bootarea";
import { AddressSpace } from "./space";

export const enum SpaceProblem {
  Ok = 0,
  Unreachable,
  KernelHalf,
  UserTable,
  UserPage,
  Counts,
}

/** What each problem means (indexed by SpaceProblem). */
export const SPACE_PROBLEMS: readonly CStr[] = [
  "ok",
  "its directory or a table could not be reached (no temporary mapping)",
  "a directory entry below KLIMIT is not the kernel directory's",
  "a user directory entry is neither empty nor a user, writable page table",
  "a user page table entry is neither empty nor a present, user, non-global page",
  "its counts of tables and pages are not what its directory holds",
];

/** The first address that broke the last failed check (a slot's first page, or the page). */
let badAddress: u32 = 0;
let pagesSeen: u32 = 0;

export function spaceProblemAddress(): u32 {
  return badAddress;
}

function checkTable(s: AddressSpace, pde: u32, slotBase: u32): SpaceProblem {
  const t = s.env.open(entryFrame(pde));
  if (t === 0) return SpaceProblem.Unreachable;
  const table = ptr<u32>(t);
  let r = SpaceProblem.Ok;
  for (let i: u32 = 0; i < ENTRIES_PER_TABLE && r === SpaceProblem.Ok; i++) {
    const e = table[i];
    badAddress = slotBase + (i << 12);
    if ((e & PAGE_PRESENT) === 0) {
      if (e !== 0) r = SpaceProblem.UserPage;
    } else if ((e & (PAGE_USER | PAGE_GLOBAL)) !== PAGE_USER) r = SpaceProblem.UserPage;
    else pagesSeen++;
  }
  s.env.close(t);
  return r;
}

function checkDirectory(s: AddressSpace, dir: Ptr<u32>): SpaceProblem {
  for (let slot: u32 = 0; slot < KERNEL_PAGE_TABLES; slot++) {
    badAddress = slot * TABLE_SPAN;
    if (dir[slot] !== directoryEntry(s.env.kernel, slot * TABLE_SPAN)) return SpaceProblem.KernelHalf;
  }
  let tables: u32 = 0;
  pagesSeen = 0;
  for (let slot = KERNEL_PAGE_TABLES; slot < ENTRIES_PER_TABLE; slot++) {
    const pde = dir[slot];
    badAddress = slot * TABLE_SPAN;
    if ((pde & PAGE_PRESENT) === 0) {
      if (pde !== 0) return SpaceProblem.UserTable;
      continue;
    }
    if ((pde & (PAGE_USER | PAGE_WRITABLE | PAGE_LARGE)) !== (PAGE_USER | PAGE_WRITABLE)) return SpaceProblem.UserTable;
    tables++;
    const r = checkTable(s, pde, slot * TABLE_SPAN);
    if (r !== SpaceProblem.Ok) return r;
  }
  badAddress = 0;
  if (tables !== s.tables || pagesSeen !== s.pages) return SpaceProblem.Counts;
  return SpaceProblem.Ok;
}

/** Checks every entry of the space; spaceProblemAddress() then names where the first problem is. */
export function spaceCheck(s: AddressSpace): SpaceProblem {
  badAddress = 0;
  const d = s.env.open(s.directory);
  if (d === 0) return SpaceProblem.Unreachable;
  const r = checkDirectory(s, ptr<u32>(d));
  s.env.close(d);
  return r;
}
