// The initial kernel address space.
//
// The page directory and the page tables it needs are the "initial page
// allocations" of the layout: they are taken from boot_end upward, and
// kernel_region_top is where they end. The kernel region
// [image_start, kernel_region_top) is then mapped 1:1, supervisor-only and
// global (the same in every address space, kept in the TLB across switches).
// Its first part, [image_start, read_only_end) -- setup32 with boot_info, the
// kernel's ELF headers, text and read-only data -- is mapped read-only; the
// rest (kernel data and .bss, the process manager's file, boot data, page
// tables) writable. i386 paging without PAE has no execute-disable bit, so
// data pages stay executable: only writes are policed.
//
// The only other mapping is the VGA text page, 1:1, in the low range that the
// spec leaves available for global mappings. Page 0 is never mapped, so a
// NULL dereference faults.
//
// Pure: no control registers (kernel/i686/mmu.ts turns paging on), so it is
// tested on the host (tests/kernel-host/vm.ts).

import {
  ENTRIES_PER_TABLE,
  PAGE_GLOBAL,
  PAGE_LARGE,
  PAGE_PRESENT,
  PAGE_SIZE,
  PAGE_USER,
  PAGE_WRITABLE,
  PageTables,
  TABLE_SPAN,
  directoryEntry,
  directoryInit,
  entryFrame,
  hasTable,
  installTable,
  lookup,
  mapPage,
} from "../i686/paging";
import { VGA_TEXT_BUFFER } from "../i686/pc";
import { KLIMIT } from "../layout";

const KERNEL_FLAGS: u32 = PAGE_WRITABLE | PAGE_GLOBAL;
const KERNEL_READ_ONLY_FLAGS: u32 = PAGE_GLOBAL;

/** What the initial address space is built from: page-aligned boundaries of the kernel region. */
export interface KernelSpace {
  imageStart: u32;
  /** End of the read-only part [imageStart, readOnlyEnd): setup32, kernel headers, text, rodata. */
  readOnlyEnd: u32;
  /** Where the page directory goes (the first page of the initial page allocations). */
  bootEnd: u32;
  kernelRegionTop: u32;
}

/** Page tables needed to map every page below `top`: one per 4 MiB slot. */
function tablesBelow(top: u32): u32 {
  return (top >>> 22) + ((top & (TABLE_SPAN - 1)) !== 0 ? 1 : 0);
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
 * Builds the initial address space in `t` (t.directory = s.bootEnd). Page
 * tables follow the directory, one per 4 MiB slot below kernelRegionTop.
 */
export function buildKernelSpace(t: PageTables, s: KernelSpace): void {
  directoryInit(t);
  let table = t.directory + PAGE_SIZE;
  for (let slot: u32 = 0; slot < tablesBelow(s.kernelRegionTop); slot++) {
    installTable(t, slot * TABLE_SPAN, table);
    table += PAGE_SIZE;
  }
  for (let page = s.imageStart; page < s.kernelRegionTop; page += PAGE_SIZE) {
    mapPage(t, page, page, page < s.readOnlyEnd ? KERNEL_READ_ONLY_FLAGS : KERNEL_FLAGS);
  }
  mapPage(t, VGA_TEXT_BUFFER, VGA_TEXT_BUFFER, KERNEL_FLAGS);
}

export const enum SpaceRule {
  Ok = 0,
  PageZeroMapped,
  KernelRegionNotIdentity,
  KernelMappingNotGlobalSupervisor,
  TextWritable,
  DataReadOnly,
  DirectoryEntry,
  StrayMapping,
}

export const SPACE_RULES: readonly CStr[] = [
  "ok",
  "page 0 is mapped",
  "the kernel region is not mapped 1:1",
  "a kernel mapping is not global and supervisor-only",
  "a page of kernel text or read-only data is writable",
  "a kernel data page is read-only",
  "a directory entry below KLIMIT is not a supervisor page table",
  "a page below KLIMIT is mapped outside the kernel region and the VGA page",
];

/** Address of the first page that broke the last failed check (for the PANIC line). */
let badPage: u32 = 0;

export function spaceCheckAddress(): u32 {
  return badPage;
}

/**
 * Walks every page below KLIMIT and checks the rules above (slots without a
 * page table are skipped whole, after checking that the directory entry is
 * empty or a supervisor table). Returns the first rule broken, or Ok.
 */
export function checkKernelSpace(t: PageTables, s: KernelSpace): SpaceRule {
  for (let slot: u32 = 0; slot < u32(KLIMIT / TABLE_SPAN); slot++) {
    const slotBase = slot * TABLE_SPAN;
    badPage = slotBase;
    const pde = directoryEntry(t, slotBase);
    if ((pde & PAGE_PRESENT) !== 0 && (pde & (PAGE_USER | PAGE_LARGE)) !== 0) return SpaceRule.DirectoryEntry;
    if (!hasTable(t, slotBase)) {
      if (s.imageStart < slotBase + TABLE_SPAN && slotBase < s.kernelRegionTop) return SpaceRule.KernelRegionNotIdentity;
      continue;
    }
    for (let i: u32 = 0; i < ENTRIES_PER_TABLE; i++) {
      const page = slotBase + i * PAGE_SIZE;
      const entry = lookup(t, page);
      const inRegion = page >= s.imageStart && page < s.kernelRegionTop;
      const expected = inRegion || page === VGA_TEXT_BUFFER;
      badPage = page;
      if ((entry & PAGE_PRESENT) === 0) {
        if (expected) return SpaceRule.KernelRegionNotIdentity;
        continue;
      }
      if (page === 0) return SpaceRule.PageZeroMapped;
      if (!expected) return SpaceRule.StrayMapping;
      if (entryFrame(entry) !== page) return SpaceRule.KernelRegionNotIdentity;
      if ((entry & (PAGE_USER | PAGE_GLOBAL)) !== PAGE_GLOBAL) return SpaceRule.KernelMappingNotGlobalSupervisor;
      const readOnly = inRegion && page < s.readOnlyEnd;
      if (readOnly && (entry & PAGE_WRITABLE) !== 0) return SpaceRule.TextWritable;
      if (!readOnly && (entry & PAGE_WRITABLE) === 0) return SpaceRule.DataReadOnly;
    }
  }
  badPage = 0;
  return SpaceRule.Ok;
}
