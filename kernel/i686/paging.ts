// Two-level i386 page tables (4 KiB pages, no PAE): the entry format and the
// pure operations on tables in memory (make a directory, install a table, map
// a page, look one up). No control registers here: turning paging on is
// kernel/i686/mmu.ts. Keeping the two apart is what lets the page-table code
// run on the host (tests/kernel-host/vm.ts), where the tables are an ordinary
// buffer.
//
// Without PAE, an entry has no execute-disable bit: every present page can be
// executed. Protection is R/W (write) and U/S (user) only; with CR0.WP set
// (mmu.ts) a read-only page is read-only for the kernel too.

export const PAGE_SIZE: u32 = 0x1000;
export const PAGE_SHIFT: u32 = 12;
export const ENTRIES_PER_TABLE: u32 = 1024;
/** Bytes mapped by one page table (one page directory entry): 4 MiB. */
export const TABLE_SPAN: u32 = 0x400000;

// Entry bits (Intel SDM 4.3), for directory and table entries alike.
export const PAGE_PRESENT: u32 = 0x001;
export const PAGE_WRITABLE: u32 = 0x002;
export const PAGE_USER: u32 = 0x004;
/** In a directory entry: the entry maps a 4 MiB page, not a table (needs CR4.PSE). */
export const PAGE_LARGE: u32 = 0x080;
/** Kept in the TLB across CR3 loads (needs CR4.PGE): for the global kernel mappings. */
export const PAGE_GLOBAL: u32 = 0x100;
const FRAME_MASK: u32 = 0xfffff000;

/**
 * A page directory, and how this code reaches the page tables it points to.
 * Entries hold physical addresses; the code reads and writes a table at
 * physical address + `window`. In the kernel the window is 0: the tables live
 * in the kernel region, which is mapped 1:1, so the same addresses work with
 * paging off and on. Host tests build tables in a buffer and set the window
 * to (buffer - the physical address they pretend it has).
 */
export interface PageTables {
  /** Physical address of the page directory: what CR3 will hold. */
  directory: usize;
  window: usize;
}

/** Which directory entry (4 MiB slot) covers `va`. */
export function directoryIndex(va: usize): u32 {
  return va >>> 22;
}

/** Which entry of its page table maps `va`. */
export function tableIndex(va: usize): u32 {
  return (va >>> PAGE_SHIFT) & (ENTRIES_PER_TABLE - 1);
}

function directoryEntries(t: PageTables): Ptr<u32> {
  return ptr<u32>(t.directory + t.window);
}

/** Makes the page at `t.directory` an empty page directory. */
export function directoryInit(t: PageTables): void {
  memset(t.directory + t.window, 0, PAGE_SIZE);
}

/**
 * Makes the page at physical `table` an empty page table covering the 4 MiB
 * slot that holds `va`. Directory entries for kernel tables are supervisor
 * and writable: the table entries decide the real protection.
 */
export function installTable(t: PageTables, va: usize, table: usize): void {
  memset(table + t.window, 0, PAGE_SIZE);
  directoryEntries(t)[directoryIndex(va)] = (table & FRAME_MASK) | PAGE_PRESENT | PAGE_WRITABLE;
}

/** The directory entry for the 4 MiB slot holding `va`. */
export function directoryEntry(t: PageTables, va: usize): u32 {
  return directoryEntries(t)[directoryIndex(va)];
}

/** True if the 4 MiB slot holding `va` has a page table. */
export function hasTable(t: PageTables, va: usize): bool {
  const pde = directoryEntry(t, va);
  return (pde & PAGE_PRESENT) !== 0 && (pde & PAGE_LARGE) === 0;
}

/** Where the entries of the page table for the 4 MiB slot holding `va` are, or 0 if it has none. */
export function tableEntries(t: PageTables, va: usize): usize {
  if (!hasTable(t, va)) return 0;
  return (directoryEntry(t, va) & FRAME_MASK) + t.window;
}

/** Where the page table entry for `va` is, or 0 if its slot has no table. */
function entryAddress(t: PageTables, va: usize): usize {
  if (!hasTable(t, va)) return 0;
  return (directoryEntry(t, va) & FRAME_MASK) + t.window + tableIndex(va) * 4;
}

/**
 * Maps the page at `va` to the frame at `pa` with `flags` (PAGE_* bits;
 * PAGE_PRESENT is implied). The slot's page table must exist; returns false
 * if it does not, and for virtual page 0, which is never mapped, so that a
 * NULL dereference always faults.
 */
export function mapPage(t: PageTables, va: usize, pa: usize, flags: u32): bool {
  if (va < PAGE_SIZE) return false;
  const at = entryAddress(t, va);
  if (at === 0) return false;
  ptr<u32>(at)[0] = (pa & FRAME_MASK) | (flags & ~FRAME_MASK) | PAGE_PRESENT;
  return true;
}

/** Replaces the whole page table entry for `va` (for tests that break a mapping on purpose). */
export function setEntry(t: PageTables, va: usize, entry: u32): bool {
  const at = entryAddress(t, va);
  if (at === 0) return false;
  ptr<u32>(at)[0] = entry;
  return true;
}

/** The page table entry for `va` (0 when there is no table or no mapping). */
export function lookup(t: PageTables, va: usize): u32 {
  const at = entryAddress(t, va);
  return at === 0 ? 0 : ptr<u32>(at)[0];
}

export function entryFrame(entry: u32): usize {
  return entry & FRAME_MASK;
}

/** A page table entry mapping the frame at `pa` with `flags` (PAGE_* bits; PAGE_PRESENT is implied). */
export function pageEntry(pa: usize, flags: u32): u32 {
  return (pa & FRAME_MASK) | (flags & ~FRAME_MASK) | PAGE_PRESENT;
}

/**
 * A directory entry for a user page table at physical `table`: user and
 * writable, so that the table's own entries alone decide each page's
 * protection (the CPU takes the stricter of the two levels).
 */
export function userTableEntry(table: usize): u32 {
  return (table & FRAME_MASK) | PAGE_PRESENT | PAGE_WRITABLE | PAGE_USER;
}
