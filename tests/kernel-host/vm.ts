// kernel/mm/vm.ts and kernel/i686/paging.ts: the initial address space,
// built in a buffer that stands in for the pages at boot_end (the page-table
// window maps the physical addresses the entries hold onto the buffer).
// Checks every page below KLIMIT against the spec: page 0 never mapped, the
// kernel region 1:1 global supervisor, its read-only part without R/W,
// nothing else but the VGA page. Then breaks the tables one way at a time
// and expects the kernel's own self-check to name what broke.

import {
  PAGE_GLOBAL,
  PAGE_LARGE,
  PAGE_PRESENT,
  PAGE_SIZE,
  PAGE_USER,
  PAGE_WRITABLE,
  PageTables,
  TABLE_SPAN,
  directoryEntry,
  entryFrame,
  hasTable,
  installTable,
  lookup,
  mapPage,
  setEntry,
} from "../../kernel/i686/paging";
import { VGA_TEXT_BUFFER } from "../../kernel/i686/pc";
import { KLIMIT } from "../../kernel/layout";
import { KernelSpace, SpaceRule, buildKernelSpace, checkKernelSpace, kernelRegionTopFor, spaceCheckAddress } from "../../kernel/mm/vm";
import { expect, expectU32, suite } from "./check";

/** Room for a directory and three tables. Filled with garbage first: nothing may rely on zeroed memory. */
const PAGES: u32 = 4;
const store: Arr<u8, 16384> = zeroed({ align: 4096 });

const t: PageTables = zeroed();
const s: KernelSpace = zeroed();

/** The 128 MB QEMU boot (docs/layout.md): read-only up to 0x105000, boot_end 0x119000. */
function build(readOnlyEnd: u32, bootEnd: u32): void {
  memset(addr(store), 0xa5, PAGES * PAGE_SIZE);
  s.imageStart = 0x100000;
  s.readOnlyEnd = readOnlyEnd;
  s.bootEnd = bootEnd;
  s.kernelRegionTop = kernelRegionTopFor(bootEnd);
  t.directory = bootEnd;
  t.window = addr(store) - bootEnd;
  expect(s.kernelRegionTop - bootEnd <= PAGES * PAGE_SIZE, "the test buffer holds the initial page allocations");
  buildKernelSpace(t, s);
}

/** Every page below KLIMIT, one by one (not through checkKernelSpace, which is tested against this). */
function walk(what: CStr): void {
  let mapped: u32 = 0;
  let bad: u32 = 0;
  for (let page: u32 = 0; page < KLIMIT; page += PAGE_SIZE) {
    const e = lookup(t, page);
    if ((e & PAGE_PRESENT) === 0) {
      if (page >= s.imageStart && page < s.kernelRegionTop) bad++;
      if (page === VGA_TEXT_BUFFER) bad++;
      continue;
    }
    mapped++;
    const inRegion = page >= s.imageStart && page < s.kernelRegionTop;
    if (page === 0 || (!inRegion && page !== VGA_TEXT_BUFFER)) bad++;
    if (entryFrame(e) !== page) bad++; // 1:1
    if ((e & PAGE_USER) !== 0 || (e & PAGE_GLOBAL) === 0) bad++; // global supervisor
    const readOnly = inRegion && page < s.readOnlyEnd;
    if (readOnly !== ((e & PAGE_WRITABLE) === 0)) bad++;
  }
  expectU32(bad, 0, what);
  expectU32(mapped, u32((s.kernelRegionTop - s.imageStart) / PAGE_SIZE) + 1, "mapped pages = the kernel region + the VGA page");
}

function qemu128(): void {
  build(0x105000, 0x119000);
  expectU32(s.kernelRegionTop, 0x11b000, "128 MB: a directory and one table above boot_end");
  expectU32(lookup(t, 0) & PAGE_PRESENT, 0, "page 0 is not mapped");
  expectU32(lookup(t, 0xfff) & PAGE_PRESENT, 0, "the last byte of page 0 is not mapped");
  expectU32(lookup(t, 0x101000) & (PAGE_PRESENT | PAGE_WRITABLE | PAGE_USER | PAGE_GLOBAL), PAGE_PRESENT | PAGE_GLOBAL, "kernel text: present, global, read-only, supervisor");
  expectU32(lookup(t, 0x104000) & PAGE_WRITABLE, 0, "the last page of rodata is read-only");
  expectU32(lookup(t, 0x100000) & PAGE_WRITABLE, 0, "setup32 and boot_info are read-only");
  expectU32(lookup(t, 0x105000) & (PAGE_PRESENT | PAGE_WRITABLE | PAGE_USER | PAGE_GLOBAL), PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "kernel data: writable");
  expectU32(lookup(t, 0x11a000), 0x11a000 | PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "the page table maps itself");
  expectU32(lookup(t, 0x11b000), 0, "nothing at kernel_region_top");
  expectU32(lookup(t, 0xff000), 0, "nothing just below image_start");
  expectU32(lookup(t, VGA_TEXT_BUFFER), VGA_TEXT_BUFFER | PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "the VGA page, 1:1 writable");
  expectU32(lookup(t, VGA_TEXT_BUFFER + PAGE_SIZE), 0, "only one VGA page");
  expectU32(directoryEntry(t, 0) & (PAGE_PRESENT | PAGE_USER | PAGE_LARGE), PAGE_PRESENT, "the directory entry is a supervisor table");
  expect(!hasTable(t, TABLE_SPAN), "no table for 4-8 MiB");
  expect(!hasTable(t, KLIMIT), "no table at KLIMIT");
  walk("128 MB: every page below KLIMIT as the spec says");
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "the kernel's self-check passes");
}

/** A kernel region that crosses 4 MiB needs a second table, found by the fixed point. */
function acrossFourMiB(): void {
  expectU32(kernelRegionTopFor(0x3fe000), 0x400000, "0x3fe000: directory + 1 table end exactly at 4 MiB");
  expectU32(kernelRegionTopFor(0x3ff000), 0x402000, "0x3ff000: the first table passes 4 MiB, so a second one is needed");
  build(0x105000, 0x3ff000);
  expect(hasTable(t, 0) && hasTable(t, TABLE_SPAN), "two tables");
  expectU32(entryFrame(directoryEntry(t, TABLE_SPAN)), 0x401000, "the second table follows the first");
  expectU32(lookup(t, 0x401000), 0x401000 | PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "the second table maps itself");
  walk("across 4 MiB: every page below KLIMIT as the spec says");
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "self-check passes across 4 MiB");
}

function broken(rule: SpaceRule, page: u32, what: CStr): void {
  expectU32(u32(checkKernelSpace(t, s)), u32(rule), what);
  expectU32(spaceCheckAddress(), page, what);
}

/** The self-check must fail for each way the tables can be wrong, naming the page. */
function selfCheckFires(): void {
  build(0x105000, 0x119000);
  expect(!mapPage(t, 0, 0, PAGE_GLOBAL | PAGE_WRITABLE), "mapPage refuses virtual page 0");
  expect(!mapPage(t, 0xfff, 0x5000, PAGE_GLOBAL), "mapPage refuses any address in page 0");
  expectU32(lookup(t, 0), 0, "page 0 stays unmapped after the refusals");
  expect(mapPage(t, 0x1000, 0x1000, PAGE_GLOBAL), "mapPage maps page 1 (the table exists)");
  build(0x105000, 0x119000);
  expect(setEntry(t, 0, PAGE_PRESENT | PAGE_GLOBAL | PAGE_WRITABLE), "page 0's entry can be forced (the table exists)");
  broken(SpaceRule.PageZeroMapped, 0, "page 0 mapped");

  build(0x105000, 0x119000);
  mapPage(t, 0x200000, 0x200000, PAGE_GLOBAL | PAGE_WRITABLE);
  broken(SpaceRule.StrayMapping, 0x200000, "a stray page below KLIMIT");

  build(0x105000, 0x119000);
  mapPage(t, 0x102000, 0x102000, PAGE_GLOBAL | PAGE_WRITABLE);
  broken(SpaceRule.TextWritable, 0x102000, "a writable text page");

  build(0x105000, 0x119000);
  mapPage(t, 0x106000, 0x106000, PAGE_GLOBAL);
  broken(SpaceRule.DataReadOnly, 0x106000, "a read-only data page");

  build(0x105000, 0x119000);
  mapPage(t, 0x106000, 0x107000, PAGE_GLOBAL | PAGE_WRITABLE);
  broken(SpaceRule.KernelRegionNotIdentity, 0x106000, "a kernel page not 1:1");

  build(0x105000, 0x119000);
  setEntry(t, 0x110000, 0);
  broken(SpaceRule.KernelRegionNotIdentity, 0x110000, "a hole in the kernel region");

  build(0x105000, 0x119000);
  mapPage(t, 0x106000, 0x106000, PAGE_GLOBAL | PAGE_WRITABLE | PAGE_USER);
  broken(SpaceRule.KernelMappingNotGlobalSupervisor, 0x106000, "a user-accessible kernel page");

  build(0x105000, 0x119000);
  mapPage(t, 0x101000, 0x101000, 0);
  broken(SpaceRule.KernelMappingNotGlobalSupervisor, 0x101000, "a kernel page that is not global");

  build(0x105000, 0x119000);
  mapPage(t, VGA_TEXT_BUFFER, VGA_TEXT_BUFFER, PAGE_GLOBAL);
  broken(SpaceRule.DataReadOnly, VGA_TEXT_BUFFER, "a read-only VGA page");

  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[0] = directoryEntry(t, 0) | PAGE_USER;
  broken(SpaceRule.DirectoryEntry, 0, "a user directory entry");

  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[5] = 0x01400000 | PAGE_PRESENT | PAGE_WRITABLE | PAGE_LARGE;
  broken(SpaceRule.DirectoryEntry, 5 * TABLE_SPAN, "a 4 MiB page below KLIMIT");

  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[0] = 0;
  broken(SpaceRule.KernelRegionNotIdentity, 0, "the kernel region's table missing");

  // A table installed for a slot that should be empty, mapping nothing, is harmless.
  build(0x105000, 0x119000);
  installTable(t, 0x800000, 0x11b000 + 0); // the spare page after kernel_region_top in the buffer
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "an empty extra table maps nothing");
  expect(!mapPage(t, 0xc00000, 0xc00000, PAGE_GLOBAL), "mapPage refuses a slot without a table");
}

export function testVm(): void {
  suite("vm");
  qemu128();
  acrossFourMiB();
  selfCheckFires();
}
