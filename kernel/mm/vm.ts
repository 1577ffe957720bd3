// The initial kernel address space: the shared kernel half.
//
// The page directory and every page table below KLIMIT are the "initial page
// allocations" of the layout, taken from boot_end upward (mm/bootarea.ts):
//
//   boot_end                          page directory
//   boot_end + (1 + i) pages          page table of slot i, [i * 4 MiB, (i + 1) * 4 MiB), i < 32
//   frameStorageAt(boot_end)          the frame allocator's storage (mm/frames.ts)
//   kernel_region_top
//
// Invariants (checkKernelSpace() checks them after paging is on):
//  * every directory entry below KLIMIT is present, supervisor, a 4 KiB-page
//    table, and points at its own table in the initial allocations (slot i
//    at boot_end + (1 + i) pages): a kernel mapping made once is seen by every
//    directory that copies these 32 entries, and no kernel table is ever
//    allocated, freed or copied later;
//  * page 0 is never mapped (mapPage refuses it), so a NULL dereference faults;
//  * the kernel region [image_start, kernel_region_top) is mapped 1:1 but for
//    the boot stack, which is unmapped once the first thread runs (a stray use
//    of it faults),
//    supervisor-only and global; its first part, [image_start, read_only_end)
//    -- setup32 with boot_info, the kernel's ELF headers, text and read-only
//    data -- read-only, the rest (kernel data and .bss, the process manager's
//    file, boot data, page tables, frame storage) writable. i386 paging
//    without PAE has no execute-disable bit: only writes are policed;
//  * anything else mapped below KLIMIT is the VGA text window (1:1, eight pages), a page the
//    kernel virtual-address allocator handed out or reserved, or a held
//    temporary slot (mm/kvspace.ts), always global, supervisor and writable.
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
  tableEntries,
  mapPage,
} from "../i686/paging";
import { VGA_TEXT_BUFFER, VGA_TEXT_END } from "../i686/pc";
import { KLIMIT } from "../layout";
import { KERNEL_PAGE_TABLES } from "./bootarea";
import { KvSpace, kvTaken, kvTempHeld } from "./kvspace";

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
  /**
   * [retiredStart, retiredEnd): pages of the kernel region that must be
   * unmapped -- the boot stack, once the first thread runs (kernel/main.ts).
   * Empty (both 0) until then.
   */
  retiredStart: u32;
  retiredEnd: u32;
  /** The kernel's virtual pages: what else may be mapped below KLIMIT (null: nothing but the VGA window). */
  kv: KvSpace | null;
}

/** Physical address of the shared kernel page table of slot `slot` (< KERNEL_PAGE_TABLES). */
export function kernelTableAt(bootEnd: u32, slot: u32): u32 {
  return bootEnd + (1 + slot) * PAGE_SIZE;
}

/**
 * Builds the initial address space in `t` (t.directory = s.bootEnd): every
 * one of the KERNEL_PAGE_TABLES tables below KLIMIT, then the 1:1 kernel
 * region and the VGA window. s.kernelRegionTop must be at least the end of the
 * tables (the layout self-check makes sure).
 */
export function buildKernelSpace(t: PageTables, s: KernelSpace): void {
  directoryInit(t);
  for (let slot: u32 = 0; slot < KERNEL_PAGE_TABLES; slot++) {
    installTable(t, slot * TABLE_SPAN, kernelTableAt(s.bootEnd, slot));
  }
  for (let page = s.imageStart; page < s.kernelRegionTop; page += PAGE_SIZE) {
    mapPage(t, page, page, page < s.readOnlyEnd ? KERNEL_READ_ONLY_FLAGS : KERNEL_FLAGS);
  }
  for (let page = VGA_TEXT_BUFFER; page < VGA_TEXT_END; page += PAGE_SIZE) mapPage(t, page, page, KERNEL_FLAGS);
}

/** True if `page` is in the VGA text window (mapped 1:1, writable). */
function isVgaPage(page: u32): bool {
  return page >= VGA_TEXT_BUFFER && page < VGA_TEXT_END;
}

export const enum SpaceRule {
  Ok = 0,
  PageZeroMapped,
  KernelRegionNotIdentity,
  KernelMappingNotGlobalSupervisor,
  TextWritable,
  DataReadOnly,
  DirectoryEntry,
  SharedTable,
  StrayMapping,
  RetiredMapped,
}

export const SPACE_RULES: readonly CStr[] = [
  "ok",
  "page 0 is mapped",
  "the kernel region is not mapped 1:1",
  "a kernel mapping is not global and supervisor-only",
  "a page of kernel text or read-only data is writable",
  "a kernel data page is read-only",
  "a directory entry below KLIMIT is not a supervisor page table",
  "a directory entry below KLIMIT does not point at its shared kernel page table in the initial page allocations",
  "a page below KLIMIT is mapped outside the kernel region, the VGA window, the kernel's virtual pages and the held temporary slots",
  "a page of the retired boot stack is mapped",
];

/** Address of the first page that broke the last failed check (for the PANIC line). */
let badPage: u32 = 0;

export function spaceCheckAddress(): u32 {
  return badPage;
}

/** True if `page` (outside the kernel region) may be mapped: the VGA window, a kernel virtual page that is taken, a held slot. */
function mayBeMapped(s: KernelSpace, page: u32): bool {
  if (isVgaPage(page)) return true;
  const kv = s.kv;
  return kv !== null && (kvTaken(kv, page) || kvTempHeld(kv, page));
}

/** The first page in [from, to) that must be mapped (the kernel region less the retired pages, the VGA window), or `to`. */
function firstRequiredPage(s: KernelSpace, from: u32, to: u32): u32 {
  let first = to;
  let p = from > s.imageStart ? from : s.imageStart;
  if (p >= s.retiredStart && p < s.retiredEnd) p = s.retiredEnd;
  if (p < s.kernelRegionTop && p < first) first = p;
  const vga = from > VGA_TEXT_BUFFER ? from : VGA_TEXT_BUFFER;
  if (vga < VGA_TEXT_END && vga < first) first = vga;
  return first;
}

/** Checks one page table entry that is not 0. */
function checkEntry(s: KernelSpace, page: u32, entry: u32): SpaceRule {
  const retired = page >= s.retiredStart && page < s.retiredEnd;
  const inRegion = page >= s.imageStart && page < s.kernelRegionTop && !retired;
  if (retired && (entry & PAGE_PRESENT) !== 0) return SpaceRule.RetiredMapped;
  if ((entry & PAGE_PRESENT) === 0) return inRegion || isVgaPage(page) ? SpaceRule.KernelRegionNotIdentity : SpaceRule.Ok;
  if (page === 0) return SpaceRule.PageZeroMapped;
  if (!inRegion && !mayBeMapped(s, page)) return SpaceRule.StrayMapping;
  if ((inRegion || isVgaPage(page)) && entryFrame(entry) !== page) return SpaceRule.KernelRegionNotIdentity;
  if ((entry & (PAGE_USER | PAGE_GLOBAL)) !== PAGE_GLOBAL) return SpaceRule.KernelMappingNotGlobalSupervisor;
  const readOnly = inRegion && page < s.readOnlyEnd;
  if (readOnly && (entry & PAGE_WRITABLE) !== 0) return SpaceRule.TextWritable;
  if (!readOnly && (entry & PAGE_WRITABLE) === 0) return SpaceRule.DataReadOnly;
  return SpaceRule.Ok;
}

/**
 * Walks every page below KLIMIT and checks the invariants at the top of this
 * file. Returns the first rule broken, or Ok; spaceCheckAddress() then names
 * the page (or the slot's first page, for a directory entry).
 *
 * Almost all of the 32,768 entries are 0, so the walk reads the tables
 * directly and skips each run of empty entries with one scanWords (a run
 * must not cover a page that has to be mapped); only the entries that are
 * not 0 are checked one by one. That keeps the check a few instructions per
 * empty entry, cheap enough to run after every change to the kernel half.
 */
export function checkKernelSpace(t: PageTables, s: KernelSpace): SpaceRule {
  for (let slot: u32 = 0; slot < u32(KLIMIT / TABLE_SPAN); slot++) {
    const slotBase = slot * TABLE_SPAN;
    badPage = slotBase;
    const pde = directoryEntry(t, slotBase);
    if ((pde & PAGE_PRESENT) !== 0 && (pde & (PAGE_USER | PAGE_LARGE)) !== 0) return SpaceRule.DirectoryEntry;
    if (!hasTable(t, slotBase) || entryFrame(pde) !== kernelTableAt(s.bootEnd, slot)) return SpaceRule.SharedTable;
    const entries = tableEntries(t, slotBase);
    let i: u32 = 0;
    while (i < ENTRIES_PER_TABLE) {
      const page = slotBase + i * PAGE_SIZE;
      const empty = scanWords(entries + i * 4, ENTRIES_PER_TABLE - i, 0);
      if (empty > 0) {
        const end = page + empty * PAGE_SIZE;
        const required = firstRequiredPage(s, page, end);
        if (required !== end) {
          badPage = required;
          return SpaceRule.KernelRegionNotIdentity;
        }
        i += empty;
        continue;
      }
      badPage = page;
      const rule = checkEntry(s, page, ptr<u32>(entries)[i]);
      if (rule !== SpaceRule.Ok) return rule;
      i++;
    }
  }
  badPage = 0;
  return SpaceRule.Ok;
}
