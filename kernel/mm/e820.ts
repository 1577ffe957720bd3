// Reading the firmware's e820 map before the kernel has sorted it: setup32
// must know that the memory it is about to write is RAM, from the raw table
// (in any order, possibly overlapping, split at arbitrary addresses, with
// zero-length and above-4-GiB entries). Pure, so tests/kernel-host/e820.ts
// runs it on the host; setup32 and the kernel link the same code.

import { E820Entry, E820_ENTRY_SIZE, E820_RAM } from "../bootinfo";

const MAX_ADDRESS: u64 = 0xffffffffffffffffn;

function entryAt(map: usize, i: u32): E820Entry {
  return ref<E820Entry>(map + i * E820_ENTRY_SIZE);
}

/** End of an entry, [base, end); an entry that wraps past 2^64 is cut there. */
function entryEnd(e: E820Entry): u64 {
  const end = e.base + e.length;
  return end < e.base ? MAX_ADDRESS : end;
}

/**
 * True if [start, end) is RAM by the e820 map at `map`: RAM entries cover all
 * of it (one entry, or several that touch or overlap: firmware may split RAM
 * anywhere) and no other entry overlaps any of it (where a reserved entry
 * and a RAM entry overlap, the reserved one wins, as in the kernel's map).
 */
export function e820IsRam(map: usize, entries: u32, start: u64, end: u64): bool {
  if (end <= start) return false;
  for (let i: u32 = 0; i < entries; i++) {
    const e = entryAt(map, i);
    if (e.type !== E820_RAM && e.base < end && start < entryEnd(e)) return false;
  }
  let covered = start;
  for (;;) {
    let advanced = false;
    for (let i: u32 = 0; i < entries; i++) {
      const e = entryAt(map, i);
      const eEnd = entryEnd(e);
      if (e.type === E820_RAM && e.base <= covered && covered < eEnd) {
        covered = eEnd;
        advanced = true;
        if (covered >= end) return true;
      }
    }
    if (!advanced) return false;
  }
}
