// Two-level i386 paging (4 KiB pages, no PAE): page directory and page table
// entries, mapping, lookup, and turning paging on.
//
// Page tables are reached through their physical addresses. That is valid
// before and after paging is enabled because the kernel region, where the
// initial directory and tables live, is mapped 1:1.

export const PAGE_SIZE: u32 = 0x1000;
export const PAGE_SHIFT: u32 = 12;
export const ENTRIES_PER_TABLE: u32 = 1024;
/** Bytes mapped by one page table (one page directory entry): 4 MiB. */
export const TABLE_SPAN: u32 = 0x400000;

// Entry bits (Intel SDM 4.3), for directory and table entries alike.
export const PAGE_PRESENT: u32 = 0x001;
export const PAGE_WRITABLE: u32 = 0x002;
export const PAGE_USER: u32 = 0x004;
/** Kept in the TLB across CR3 loads (needs CR4.PGE): for the global kernel mappings. */
export const PAGE_GLOBAL: u32 = 0x100;
const FRAME_MASK: u32 = 0xfffff000;

const CR0_WP: u32 = 1 << 16; // supervisor writes honour read-only pages
const CR0_PG: u32 = 1 << 31;
const CR4_PGE: u32 = 1 << 7;

function directoryIndex(va: usize): u32 {
  return va >>> 22;
}

function tableIndex(va: usize): u32 {
  return (va >>> PAGE_SHIFT) & (ENTRIES_PER_TABLE - 1);
}

/** Makes the page at `directory` an empty page directory. */
export function directoryInit(directory: usize): void {
  memset(directory, 0, PAGE_SIZE);
}

/**
 * Makes the page at `table` an empty page table covering the 4 MiB slot that
 * holds `va`. Directory entries for kernel tables are supervisor and
 * writable: the table entries decide the real protection.
 */
export function installTable(directory: usize, va: usize, table: usize): void {
  memset(table, 0, PAGE_SIZE);
  ptr<u32>(directory)[directoryIndex(va)] = (table & FRAME_MASK) | PAGE_PRESENT | PAGE_WRITABLE;
}

/** True if the 4 MiB slot holding `va` has a page table. */
export function hasTable(directory: usize, va: usize): bool {
  return (ptr<u32>(directory)[directoryIndex(va)] & PAGE_PRESENT) !== 0;
}

/**
 * Maps the page at `va` to the frame at `pa` with `flags` (PAGE_* bits;
 * PAGE_PRESENT is implied). The slot's page table must exist; returns false
 * if it does not.
 */
export function mapPage(directory: usize, va: usize, pa: usize, flags: u32): bool {
  const pde = ptr<u32>(directory)[directoryIndex(va)];
  if ((pde & PAGE_PRESENT) === 0) return false;
  ptr<u32>(pde & FRAME_MASK)[tableIndex(va)] = (pa & FRAME_MASK) | (flags & ~FRAME_MASK) | PAGE_PRESENT;
  return true;
}

/** The page table entry for `va` (0 when there is no table or no mapping). */
export function lookup(directory: usize, va: usize): u32 {
  const pde = ptr<u32>(directory)[directoryIndex(va)];
  if ((pde & PAGE_PRESENT) === 0) return 0;
  return ptr<u32>(pde & FRAME_MASK)[tableIndex(va)];
}

export function entryFrame(entry: u32): usize {
  return entry & FRAME_MASK;
}

/** Loads the directory and turns paging on, with global pages if the CPU has them. */
export function pagingEnable(directory: usize, globalPages: bool): void {
  writeCr3(directory);
  if (globalPages) writeCr4(readCr4() | CR4_PGE);
  writeCr0(readCr0() | CR0_PG | CR0_WP);
}

export function pagingEnabled(): bool {
  return (readCr0() & CR0_PG) !== 0;
}

/** The page directory the CPU is using. */
export function currentDirectory(): usize {
  return readCr3() & FRAME_MASK;
}
