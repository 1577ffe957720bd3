// The initial kernel address space.
//
// The page directory and the page tables it needs are the "initial page
// allocations" of the layout: they are taken from boot_end upward, and
// kernel_region_top is where they end. The kernel region
// [image_start, kernel_region_top) is then mapped 1:1, supervisor-only and
// global (the same in every address space, kept in the TLB across switches).
// The only other mapping is the VGA text page, 1:1, in the low range that the
// spec leaves available for global mappings. Page 0 is never mapped, so a
// NULL dereference faults.

import {
  ENTRIES_PER_TABLE,
  PAGE_GLOBAL,
  PAGE_PRESENT,
  PAGE_SIZE,
  PAGE_USER,
  PAGE_WRITABLE,
  TABLE_SPAN,
  directoryInit,
  entryFrame,
  hasTable,
  installTable,
  lookup,
  mapPage,
} from "../i686/paging";
import { VGA_TEXT_BUFFER } from "../i686/vga";
import { KLIMIT } from "../layout";

const KERNEL_FLAGS: u32 = PAGE_WRITABLE | PAGE_GLOBAL;

/** Page tables needed to map every page below `top`: one per 4 MiB slot. */
function tablesBelow(top: u32): u32 {
  return u32((top + TABLE_SPAN - 1) / TABLE_SPAN);
}

/**
 * Where the initial page allocations end if they start at `bootEnd`: one page
 * directory plus the page tables for the kernel region, which itself ends
 * where they end (a fixed point, reached in one or two steps).
 */
export function kernelRegionTopFor(bootEnd: u32): u32 {
  let tables: u32 = 1;
  for (;;) {
    const top = bootEnd + PAGE_SIZE * (1 + tables);
    const needed = tablesBelow(top);
    if (needed <= tables) return top;
    tables = needed;
  }
}

/**
 * Builds the initial address space; returns the page directory (at
 * bootEnd). Page tables follow it, one per 4 MiB slot below kernelRegionTop.
 */
export function buildKernelSpace(imageStart: u32, bootEnd: u32, kernelRegionTop: u32): usize {
  const directory = bootEnd;
  directoryInit(directory);
  let table = directory + PAGE_SIZE;
  for (let slot: u32 = 0; slot < tablesBelow(kernelRegionTop); slot++) {
    installTable(directory, slot * TABLE_SPAN, table);
    table += PAGE_SIZE;
  }
  for (let page = imageStart; page < kernelRegionTop; page += PAGE_SIZE) mapPage(directory, page, page, KERNEL_FLAGS);
  mapPage(directory, VGA_TEXT_BUFFER, VGA_TEXT_BUFFER, KERNEL_FLAGS);
  return directory;
}

export const enum SpaceRule {
  Ok = 0,
  PageZeroMapped,
  KernelRegionNotIdentity,
  KernelMappingNotGlobalSupervisor,
  StrayMapping,
}

export const SPACE_RULES: readonly CStr[] = [
  "ok",
  "page 0 is mapped",
  "the kernel region is not mapped 1:1",
  "a kernel mapping is not global, writable and supervisor-only",
  "a page below KLIMIT is mapped outside the kernel region and the VGA page",
];

/** Address of the first page that broke the last failed check (for the PANIC line). */
let badPage: u32 = 0;

export function spaceCheckAddress(): u32 {
  return badPage;
}

/**
 * Walks every page below KLIMIT and checks the rules above (slots without a
 * page table are skipped whole). Returns the first rule broken, or Ok.
 */
export function checkKernelSpace(directory: usize, imageStart: u32, kernelRegionTop: u32): SpaceRule {
  for (let slot: u32 = 0; slot < u32(KLIMIT / TABLE_SPAN); slot++) {
    const slotBase = slot * TABLE_SPAN;
    if (!hasTable(directory, slotBase)) continue;
    for (let i: u32 = 0; i < ENTRIES_PER_TABLE; i++) {
      const page = slotBase + i * PAGE_SIZE;
      const entry = lookup(directory, page);
      const expected = (page >= imageStart && page < kernelRegionTop) || page === VGA_TEXT_BUFFER;
      badPage = page;
      if ((entry & PAGE_PRESENT) === 0) {
        if (expected) return SpaceRule.KernelRegionNotIdentity;
        continue;
      }
      if (page === 0) return SpaceRule.PageZeroMapped;
      if (!expected) return SpaceRule.StrayMapping;
      if (entryFrame(entry) !== page) return SpaceRule.KernelRegionNotIdentity;
      if ((entry & (PAGE_USER | PAGE_GLOBAL | PAGE_WRITABLE)) !== (PAGE_GLOBAL | PAGE_WRITABLE)) {
        return SpaceRule.KernelMappingNotGlobalSupervisor;
      }
    }
  }
  badPage = 0;
  return SpaceRule.Ok;
}
