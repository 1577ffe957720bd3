// User pages in one address space: map, look up, unmap (the rules, the
// ownership of frames and the TLB rule are at the top of space.ts). Every
// function checks its arguments before it touches anything, and fills or
// clears one entry at the end, so a refusal or a lack of memory changes
// nothing. The directory and a table are reached through the space's
// SpaceEnv (open/close): in the kernel two temporary slots at most at once.

import { ENTRIES_PER_TABLE, PAGE_PRESENT, PAGE_SIZE, PAGE_USER, PAGE_WRITABLE, directoryIndex, entryFrame, pageEntry, tableIndex, userTableEntry } from "../i686/paging";
import { flushPage } from "../i686/mmu";
import { KLIMIT } from "../layout";
import { AddressSpace, SPACE_WRITABLE, SpaceResult, spaceRunning } from "./space";

/** What spaceLookup found. */
export interface SpaceMapping {
  frame: usize;
  writable: bool;
}

function userPage(va: usize): SpaceResult {
  if (va < KLIMIT) return SpaceResult.KernelAddress;
  if ((va & (PAGE_SIZE - 1)) !== 0) return SpaceResult.Misaligned;
  return SpaceResult.Ok;
}

/** The mapping of `va` in an open directory: a new table holding it, or an entry of an existing one. */
function mapIn(s: AddressSpace, dir: Ptr<u32>, va: usize, entry: u32): SpaceResult {
  const env = s.env;
  const pde = dir[directoryIndex(va)];
  if ((pde & PAGE_PRESENT) !== 0) {
    const t = env.open(entryFrame(pde));
    if (t === 0) return SpaceResult.NoMemory;
    const table = ptr<u32>(t);
    let r = SpaceResult.AlreadyMapped;
    if ((table[tableIndex(va)] & PAGE_PRESENT) === 0) {
      table[tableIndex(va)] = entry;
      s.pages++;
      r = SpaceResult.Ok;
    }
    env.close(t);
    return r;
  }
  // A new table, filled before the directory points at it: the last step is the only visible one.
  const frame = env.frameAlloc();
  const t = frame === 0 ? 0 : env.open(frame);
  if (t === 0) {
    if (frame !== 0 && !env.frameFree(frame)) env.refusedFrees++;
    return SpaceResult.NoMemory;
  }
  memset(t, 0, PAGE_SIZE);
  ptr<u32>(t)[tableIndex(va)] = entry;
  env.close(t);
  dir[directoryIndex(va)] = userTableEntry(frame);
  s.tables++;
  s.pages++;
  return SpaceResult.Ok;
}

/**
 * Maps user page `va` (at or above KLIMIT, page aligned) to `frame`, which
 * the space then owns; flags 0 (read-only) or SPACE_WRITABLE. Refuses a
 * kernel address, misalignment, other flags, a frame the allocator did not
 * hand out, a page already mapped; NoMemory when a page table is needed and
 * there is no frame for it. On any refusal nothing changed.
 */
export function spaceMap(s: AddressSpace, va: usize, frame: usize, flags: u32): SpaceResult {
  const env = s.env;
  const where = userPage(va);
  if (where !== SpaceResult.Ok) return where;
  if ((flags & ~SPACE_WRITABLE) !== 0) return SpaceResult.BadFlags;
  if ((frame & (PAGE_SIZE - 1)) !== 0) return SpaceResult.Misaligned;
  if (frame === 0 || !env.frameOwned(frame)) return SpaceResult.BadFrame;
  const entry = pageEntry(frame, PAGE_USER | ((flags & SPACE_WRITABLE) !== 0 ? PAGE_WRITABLE : 0));
  const d = env.open(s.directory);
  if (d === 0) return SpaceResult.NoMemory;
  const r = mapIn(s, ptr<u32>(d), va, entry);
  env.close(d);
  return r;
}

/** A page table entry, found by findEntry; with `clear`, the table it emptied (else 0). */
interface Found {
  entry: u32;
  emptiedTable: usize;
}

/** True if no entry of the table at `t` is present. */
function tableEmpty(table: Ptr<u32>): bool {
  for (let i: u32 = 0; i < ENTRIES_PER_TABLE; i++) if ((table[i] & PAGE_PRESENT) !== 0) return false;
  return true;
}

/**
 * Finds the entry of user page `va` and, with `clear`, clears it: Ok (the
 * entry, present, in `found`), NotMapped, or NoMemory when the directory or
 * the table could not be opened (then nothing was cleared).
 */
function findEntry(s: AddressSpace, va: usize, clear: bool, found: Found): SpaceResult {
  const env = s.env;
  found.entry = 0;
  found.emptiedTable = 0;
  const d = env.open(s.directory);
  if (d === 0) return SpaceResult.NoMemory;
  const pde = ptr<u32>(d)[directoryIndex(va)];
  let r = SpaceResult.NotMapped;
  if ((pde & PAGE_PRESENT) !== 0) {
    const t = env.open(entryFrame(pde));
    if (t === 0) r = SpaceResult.NoMemory;
    else {
      const table = ptr<u32>(t);
      const entry = table[tableIndex(va)];
      if ((entry & PAGE_PRESENT) !== 0) {
        found.entry = entry;
        if (clear) {
          table[tableIndex(va)] = 0;
          // Its last page gone, the table goes too: a space holds tables only for what it maps.
          if (tableEmpty(table)) {
            ptr<u32>(d)[directoryIndex(va)] = 0;
            found.emptiedTable = entryFrame(pde);
          }
        }
        r = SpaceResult.Ok;
      }
      env.close(t);
    }
  }
  env.close(d);
  return r;
}

/** What `va` maps to, in `out`; NotMapped (and out zeroed) if nothing. */
export function spaceLookup(s: AddressSpace, va: usize, out: SpaceMapping): SpaceResult {
  out.frame = 0;
  out.writable = false;
  const where = userPage(va);
  if (where !== SpaceResult.Ok) return where;
  const found: Found = zeroed();
  const r = findEntry(s, va, false, found);
  if (r !== SpaceResult.Ok) return r;
  out.frame = entryFrame(found.entry);
  out.writable = (found.entry & PAGE_WRITABLE) !== 0;
  return SpaceResult.Ok;
}

/**
 * Unmaps user page `va` and gives its frame back. In the running space the
 * page's TLB entry is dropped before the frame goes back, so no stale entry
 * ever reaches a frame someone else got; the same invlpg drops the
 * paging-structure caches for the address, so a page table emptied by the
 * unmap (which goes back too, its directory entry cleared) is not used again.
 */
export function spaceUnmap(s: AddressSpace, va: usize): SpaceResult {
  const where = userPage(va);
  if (where !== SpaceResult.Ok) return where;
  const found: Found = zeroed();
  const r = findEntry(s, va, true, found);
  if (r !== SpaceResult.Ok) return r;
  if (spaceRunning(s)) flushPage(va);
  s.pages--;
  if (!s.env.frameFree(entryFrame(found.entry))) s.env.refusedFrees++;
  if (found.emptiedTable !== 0) {
    s.tables--;
    if (!s.env.frameFree(found.emptiedTable)) s.env.refusedFrees++;
  }
  return SpaceResult.Ok;
}

/**
 * Maps a fresh page at `va`: a new frame, zeroed, with `n` bytes from `src`
 * at offset `at` in it (n may be 0), mapped with `flags`. What anonymous
 * memory (Map) and program loading both need. On any failure the frame goes
 * back and the space is as it was: NoMemory, or spaceMap's refusal.
 */
export function spaceMapFresh(s: AddressSpace, va: usize, flags: u32, src: usize, at: u32, n: u32): SpaceResult {
  const env = s.env;
  const frame = env.frameAlloc();
  if (frame === 0) return SpaceResult.NoMemory;
  const k = env.open(frame);
  if (k === 0) {
    env.frameFree(frame);
    return SpaceResult.NoMemory;
  }
  // Zero only what the copy does not cover (n is at most PAGE_SIZE - at).
  memset(k, 0, at);
  if (n !== 0) memcpy(k + at, src, n);
  memset(k + at + n, 0, PAGE_SIZE - at - n);
  env.close(k);
  const r = spaceMap(s, va, frame, flags);
  if (r !== SpaceResult.Ok) env.frameFree(frame);
  return r;
}
