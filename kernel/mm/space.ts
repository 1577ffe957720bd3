// Address spaces: one page directory each, the kernel half shared, the user
// half private (docs/kernel.md, "Address spaces").
//
//   directory entries [0, 32)      = the kernel directory's: the 32 shared
//     kernel page tables below KLIMIT (mm/vm.ts), supervisor-only, their pages
//     global where the CPU has PGE. Copied once at creation; never written
//     later, by any space -- a kernel mapping made at any time is in the shared
//     tables, so every space sees it at once, and page 0 is unmapped in all.
//   directory entries [32, 1024)   user page tables, private to the space:
//     each made on demand (zeroed) by the first mapping in its 4 MiB slot,
//     user + writable in the directory (the table entries decide), kept until
//     the space is destroyed.
//   table entries                  present + user, read-only or writable,
//     never global (a CPU switch to another directory must drop them).
//
// Ownership: the space owns its directory, its user page tables and every
// frame mapped in it. spaceMap hands the frame over -- the caller must not
// free it or map it anywhere else; spaceUnmap and spaceDestroy give it back
// to the frame allocator. Every step that fails undoes the ones before it:
// a refusal or "no memory" leaves the space and the allocators as they were.
//
// TLB: a space that is not running has no TLB entries of its own (its user
// entries are not global, and the CR3 load that left it dropped them), so
// only an unmap in the running space needs an invlpg; a mapping only ever
// fills an empty entry (the CPU caches no not-present entries), so it needs
// none. The running space cannot be destroyed (switch away first).
//
// Pure policy: the frames, the object cache and the way to reach a frame's
// contents (in the kernel a temporary mapping, on the host a buffer) come
// from a SpaceEnv; the machine (CR3, invlpg) is kernel/i686/mmu.ts. The
// host tests are tests/kernel-host/space.ts. Mapping pages is spacemap.ts.

import { ENTRIES_PER_TABLE, PAGE_PRESENT, PageTables, TABLE_SPAN, directoryEntry, entryFrame } from "../i686/paging";
import { currentDirectory, switchDirectory } from "../i686/mmu";
import { KERNEL_PAGE_TABLES } from "./bootarea";
import { SlabCache, slabAlloc, slabFree } from "./slab";

/** A free frame's physical address, or 0 when none is left. */
export type SpaceFrameAlloc = () => usize;
/** Gives a frame back; false if the allocator refuses it. */
export type SpaceFrameFree = (pa: usize) => bool;
/** True if `pa` is a frame the allocator handed out (and has not taken back). */
export type SpaceFrameOwned = (pa: usize) => bool;
/** Makes the frame at `pa` reachable: a virtual address for its 4 KiB, or 0 if that is not possible now. */
export type SpaceFrameOpen = (pa: usize) => usize;
/** Ends what SpaceFrameOpen returned. */
export type SpaceFrameClose = (va: usize) => void;

/** Where a space's memory comes from. */
export interface SpaceEnv {
  /** The kernel's page directory, reached through its window: its entries below KLIMIT are copied. */
  kernel: PageTables;
  /** Where AddressSpace objects come from. */
  cache: SlabCache;
  frameAlloc: SpaceFrameAlloc;
  frameFree: SpaceFrameFree;
  frameOwned: SpaceFrameOwned;
  open: SpaceFrameOpen;
  close: SpaceFrameClose;
  /** Frames that unmap or destroy could not give back (the allocator refused them): a frame mapped twice. */
  refusedFrees: u32;
}

/** One address space: a SpaceEnv's cache object. */
export interface AddressSpace {
  env: SpaceEnv;
  /** Physical address of the page directory: what CR3 holds while the space runs. */
  directory: usize;
  /** User page tables in the directory. */
  tables: u32;
  /** User pages mapped: the frames the space owns besides its directory and tables. */
  pages: u32;
}

/** spaceMap's one flag: the page may be written (else read-only). Always user, never global. */
export const SPACE_WRITABLE: u32 = 1;

export const enum SpaceResult {
  Ok = 0,
  KernelAddress,
  Misaligned,
  BadFlags,
  BadFrame,
  AlreadyMapped,
  NotMapped,
  NoMemory,
  Running,
}

/** What each result means (indexed by SpaceResult). */
export const SPACE_RESULTS: readonly CStr[] = [
  "ok",
  "the address is below KLIMIT: kernel mappings are shared, not a space's",
  "the address or the frame is not page aligned",
  "the only flag is SPACE_WRITABLE",
  "the frame is 0 or not one the frame allocator handed out",
  "the page is already mapped",
  "the page is not mapped",
  "no frame or no temporary mapping left (nothing was changed)",
  "the space is the running one: switch to another directory first",
];

const USER_SLOTS: u32 = ENTRIES_PER_TABLE - KERNEL_PAGE_TABLES;

/**
 * A new space: a directory whose kernel half is the kernel directory's and
 * whose user half is empty. Null when the cache, a frame or a temporary
 * mapping is lacking; then nothing is kept.
 */
export function spaceCreate(env: SpaceEnv): AddressSpace | null {
  const obj = slabAlloc(env.cache);
  if (obj === 0) return null;
  const directory = env.frameAlloc();
  const va = directory === 0 ? 0 : env.open(directory);
  if (va === 0) {
    if (directory !== 0 && !env.frameFree(directory)) env.refusedFrees++;
    slabFree(env.cache, obj);
    return null;
  }
  const entries = ptr<u32>(va);
  for (let slot: u32 = 0; slot < KERNEL_PAGE_TABLES; slot++) entries[slot] = directoryEntry(env.kernel, slot * TABLE_SPAN);
  memset(va + KERNEL_PAGE_TABLES * 4, 0, USER_SLOTS * 4);
  env.close(va);
  const s = ref<AddressSpace>(obj);
  s.env = env;
  s.directory = directory;
  s.tables = 0;
  s.pages = 0;
  return s;
}

/** True if the CPU is using this space's directory. */
export function spaceRunning(s: AddressSpace): bool {
  return currentDirectory() === s.directory;
}

/** Gives back every frame the table of `slot` maps, then the table; false if it could not be opened. */
function freeTable(s: AddressSpace, dir: Ptr<u32>, slot: u32): bool {
  const env = s.env;
  const frame = entryFrame(dir[slot]);
  const t = env.open(frame);
  if (t === 0) return false;
  const table = ptr<u32>(t);
  for (let i: u32 = 0; i < ENTRIES_PER_TABLE; i++) {
    if ((table[i] & PAGE_PRESENT) === 0) continue;
    if (!env.frameFree(entryFrame(table[i]))) env.refusedFrees++;
    table[i] = 0;
    s.pages--;
  }
  env.close(t);
  dir[slot] = 0;
  s.tables--;
  if (!env.frameFree(frame)) env.refusedFrees++;
  return true;
}

/**
 * Gives back every frame the space owns -- its pages, its page tables, its
 * directory -- and the object. Refused for the running space. NoMemory if a
 * table could not be opened: the tables freed so far are out of the
 * directory, the space is still whole and smaller, and a later call finishes.
 */
export function spaceDestroy(s: AddressSpace): SpaceResult {
  const env = s.env;
  if (spaceRunning(s)) return SpaceResult.Running;
  const d = env.open(s.directory);
  if (d === 0) return SpaceResult.NoMemory;
  const dir = ptr<u32>(d);
  for (let slot = KERNEL_PAGE_TABLES; slot < ENTRIES_PER_TABLE; slot++) {
    if ((dir[slot] & PAGE_PRESENT) === 0) continue;
    if (!freeTable(s, dir, slot)) {
      env.close(d);
      return SpaceResult.NoMemory;
    }
  }
  env.close(d);
  if (!env.frameFree(s.directory)) env.refusedFrees++;
  s.directory = 0;
  slabFree(env.cache, addr(s));
  return SpaceResult.Ok;
}

/** Runs the space: loads its directory into CR3 (its user pages replace the previous space's in the TLB). */
export function spaceActivate(s: AddressSpace): void {
  switchDirectory(s.directory);
}

/** Runs the kernel's own directory again (no user pages at all). */
export function spaceActivateKernel(env: SpaceEnv): void {
  switchDirectory(env.kernel.directory);
}
