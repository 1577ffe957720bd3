// The memory system calls: anonymous pages in the caller's user range.
// Map(va, pages, flags, process) maps `pages` fresh zeroed pages from `va`
// up (writable if flags has MAP_WRITABLE); Unmap(va, pages, process) gives
// them back. `process` is PROCESS_SELF or a process the caller created.
// Pages belong to the process's space: destroying it frees what is left.
// All or nothing: a Map that fails midway unmaps what it mapped. Like every
// system call these run with interrupts off from start to end, so nothing
// (a Close of the target, another Map) comes between the checks and the
// work; MAP_PAGES_MAX bounds how long that is.

import { KERNEL_RESERVE_PAGES, MAP_PAGES_MAX, MAP_WRITABLE, PROCESS_SELF, SysError } from "./abi";
import { kernelFrames } from "./memory";
import { PAGE_SIZE, userRangeValid } from "./layout";
import { AddressSpace, SPACE_WRITABLE, SpaceResult } from "./mm/space";
import { spaceMapFresh, spaceUnmap } from "./mm/spacemap";
import { targetProcess } from "./sysproc";

/** The space of the process `d` names (PROCESS_SELF: the caller's), or null. */
function spaceOf(d: u32): AddressSpace | null {
  const p = targetProcess(d);
  return p === null ? null : p.space;
}

/** Checks a page range of the user half: aligned, non-empty, bounded, no wrap. */
function pageRange(va: u32, pages: u32): i32 {
  if ((va & (PAGE_SIZE - 1)) !== 0) return SysError.BadAddress;
  if (pages === 0 || pages > MAP_PAGES_MAX) return SysError.BadSize;
  if (!userRangeValid(va, pages * PAGE_SIZE)) return SysError.BadAddress;
  return 0;
}

/** Pages user programs may still map: what is free beyond the kernel's reserve. */
export function userFreePages(): u32 {
  const free = kernelFrames().free;
  return free > KERNEL_RESERVE_PAGES ? free - KERNEL_RESERVE_PAGES : 0;
}

/**
 * True if a call may take `pages` more frames for the caller (stacks,
 * objects, page tables) without going into the kernel's reserve: every
 * allocation a user call causes asks this first.
 */
export function userMayTake(pages: u32): bool {
  return pages <= userFreePages();
}

function unmapPages(s: AddressSpace, va: u32, pages: u32): u32 {
  let n: u32 = 0;
  for (let i: u32 = 0; i < pages; i++) {
    if (spaceUnmap(s, va + i * PAGE_SIZE) === SpaceResult.Ok) n++;
  }
  return n;
}

/** Map(va, pages, flags, process): in the caller's space (PROCESS_SELF) or one it created. */
export function sysMap(va: u32, pages: u32, flags: u32, process: u32): i32 {
  const s = spaceOf(process);
  if (s === null) return process === PROCESS_SELF ? SysError.NotPermitted : SysError.BadDescriptor;
  const bad = pageRange(va, pages);
  if (bad !== 0) return bad;
  if ((flags & ~MAP_WRITABLE) !== 0) return SysError.BadArgument;
  // The pages, and a page table for every 4 MiB they reach into.
  if (!userMayTake(pages + (pages >>> 10) + 2)) return SysError.NoMemory;
  const spaceFlags = (flags & MAP_WRITABLE) !== 0 ? SPACE_WRITABLE : 0;
  for (let i: u32 = 0; i < pages; i++) {
    const r = spaceMapFresh(s, va + i * PAGE_SIZE, spaceFlags, 0, 0, 0);
    if (r !== SpaceResult.Ok) {
      unmapPages(s, va, i);
      return r === SpaceResult.AlreadyMapped ? SysError.AlreadyMapped : SysError.NoMemory;
    }
  }
  return i32(pages);
}

/** Unmap(va, pages): the pages that were mapped and are not any more. */
export function sysUnmap(va: u32, pages: u32, process: u32): i32 {
  const s = spaceOf(process);
  if (s === null) return process === PROCESS_SELF ? SysError.NotPermitted : SysError.BadDescriptor;
  const bad = pageRange(va, pages);
  if (bad !== 0) return bad;
  return i32(unmapPages(s, va, pages));
}
