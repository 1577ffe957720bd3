// The MMU's control registers: loading a page directory and turning paging
// on. The tables themselves are built by pure code (paging.ts, kernel/mm/vm.ts)
// that never touches a control register, so it can be tested on the host.

import { PAGE_SIZE } from "./paging";

const CR0_WP: u32 = 1 << 16; // supervisor writes honour read-only pages
const CR0_PG: u32 = 0x80000000;
const CR4_PGE: u32 = 1 << 7;
const FRAME_MASK: u32 = ~(PAGE_SIZE - 1);

/**
 * Loads the directory and turns paging on, with global pages if the CPU has
 * them, and write protection: without CR0.WP the CPU ignores the R/W bit for
 * ring 0, and the kernel could write over its own text.
 */
export function pagingEnable(directory: usize, globalPages: bool): void {
  writeCr3(directory);
  if (globalPages) writeCr4(readCr4() | CR4_PGE);
  writeCr0(readCr0() | CR0_PG | CR0_WP);
}

export function pagingEnabled(): bool {
  return (readCr0() & CR0_PG) !== 0;
}

/** True if ring-0 writes honour read-only pages (CR0.WP). */
export function writeProtected(): bool {
  return (readCr0() & CR0_WP) !== 0;
}

/** The page directory the CPU is using. */
export function currentDirectory(): usize {
  return readCr3() & FRAME_MASK;
}

/**
 * Switches to another address space: loads `directory` into CR3. The load
 * drops every TLB entry that is not global -- all user mappings of the space
 * left behind -- while the global kernel mappings below KLIMIT, the same in
 * every directory, stay cached.
 */
export function switchDirectory(directory: usize): void {
  writeCr3(directory & FRAME_MASK);
}

/** Drops the TLB entry of the page holding `va` in the running address space (after its mapping changed). */
export function flushPage(va: usize): void {
  invlpg(va);
}
