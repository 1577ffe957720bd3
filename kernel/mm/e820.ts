// Reading the firmware's e820 map before the kernel has sorted it: setup32
// must know that the memory it is about to write is RAM, from the raw table
// (in any order, possibly overlapping, split at arbitrary addresses, with
// zero-length and above-4-GiB entries). Pure, so tests/kernel-host/e820.ts
// runs it on the host; setup32 and the kernel link the same code.
// tsuki: optimize for size

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

// ---- where the map comes from ---------------------------------------------
//
// setup16 asks the BIOS three ways, as Linux's setup does, and records every
// answer in the zero page: e820 entries, e801's total (alt_mem_k) and int
// 15h ah=88h's (ext_mem_k). The firmware map is e820's if it has any entry;
// otherwise, like Linux, the larger of the other two gives a two-entry map:
// [0, 0x9f000) and [1 MiB, 1 MiB + that many KiB). setup32 builds that map
// and the kernel names the source, both through memorySource().

const ZP_EXT_MEM_K: u32 = 0x002; // u16
const ZP_ALT_MEM_K: u32 = 0x1e0; // u32
export const ZP_E820_ENTRIES: u32 = 0x1e8; // u8
export const ZP_E820_TABLE: u32 = 0x2d0; // E820_MAX_ENTRIES entries

/** Conventional memory the fallback map counts as RAM: Linux's LOWMEMSIZE(). */
const LOW_MEMORY_END: u64 = 0x9f000n;
const HIGH_MEMORY_START: u64 = 0x100000n;

export const enum MemorySource {
  None = 0,
  E820,
  E801,
  Bios88,
}

/** How the kernel names each source (indexed by MemorySource). */
export const MEMORY_SOURCES: readonly CStr[] = [
  "none",
  "BIOS e820",
  "BIOS e801 (no e820 map)",
  "BIOS int 0x15 ah=0x88 (no e820 or e801 answer)",
];

function altMemK(zeroPage: usize): u32 {
  return ptr<u32>(zeroPage + ZP_ALT_MEM_K)[0];
}

function extMemK(zeroPage: usize): u32 {
  return u32(ptr<u16>(zeroPage + ZP_EXT_MEM_K)[0]);
}

/** Which of the BIOS's answers in the zero page describes memory. */
export function memorySource(zeroPage: usize): MemorySource {
  if (ptr<u8>(zeroPage)[ZP_E820_ENTRIES] !== 0) return MemorySource.E820;
  const alt = altMemK(zeroPage);
  const ext = extMemK(zeroPage);
  if (alt === 0 && ext === 0) return MemorySource.None;
  return alt < ext ? MemorySource.Bios88 : MemorySource.E801;
}

/**
 * Writes the map for a source other than e820 at `map` (room for two
 * entries) and returns its entry count: 0 for MemorySource.None.
 */
export function fallbackMap(zeroPage: usize, source: MemorySource, map: usize): u32 {
  if (source !== MemorySource.E801 && source !== MemorySource.Bios88) return 0;
  const kib = source === MemorySource.E801 ? altMemK(zeroPage) : extMemK(zeroPage);
  const low = entryAt(map, 0);
  low.base = 0n;
  low.length = LOW_MEMORY_END;
  low.type = E820_RAM;
  const high = entryAt(map, 1);
  high.base = HIGH_MEMORY_START;
  high.length = u64(kib) << 10n;
  high.type = E820_RAM;
  return 2;
}
