// kernel/mm/vm.ts and kernel/i686/paging.ts: the initial address space,
// built in a buffer that stands in for the pages at boot_end (the page-table
// window maps the physical addresses the entries hold onto the buffer).
// Checks every page below KLIMIT against the spec: every directory entry
// below KLIMIT a shared kernel table in the initial page allocations, page 0
// never mapped, the kernel region 1:1 global supervisor, its read-only part
// without R/W, nothing else but the VGA window -- and, once the kernel's
// virtual allocator is in place, its pages and the held temporary slots. Then breaks the tables one way at a time
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
import { VGA_TEXT_BUFFER, VGA_TEXT_END, VGA_TEXT_PAGES } from "../../kernel/i686/pc";
import { KLIMIT } from "../../kernel/layout";
import { KERNEL_PAGE_TABLES, frameStorageAt, kernelRegionTopFor } from "../../kernel/mm/bootarea";
import { KvSpace, TEMP_BASE, kvAlloc, kvInit, kvReserve, kvTempAcquire, kvTempRelease } from "../../kernel/mm/kvspace";
import { KernelSpace, SpaceRule, buildKernelSpace, checkKernelSpace, kernelTableAt, spaceCheckAddress } from "../../kernel/mm/vm";
import { expect, expectU32, suite } from "./check";

/** Room for a directory and the 32 tables. Filled with garbage first: nothing may rely on zeroed memory. */
const PAGES: u32 = 33;
const store: Arr<u8, 135168> = zeroed({ align: 4096 });
/** The frame storage of the 128 MB boot (docs/layout.md): 4240 bytes, two pages. */
const STORAGE_128MB: u32 = 4240;
const kv: KvSpace = zeroed();

const t: PageTables = zeroed();
const s: KernelSpace = zeroed();

/** The 128 MB QEMU boot (docs/layout.md): read-only up to 0x105000, boot_end 0x119000. */
function build(readOnlyEnd: u32, bootEnd: u32): void {
  memset(addr(store), 0xa5, PAGES * PAGE_SIZE);
  s.imageStart = 0x100000;
  s.readOnlyEnd = readOnlyEnd;
  s.bootEnd = bootEnd;
  s.kernelRegionTop = u32(kernelRegionTopFor(u64(bootEnd), STORAGE_128MB));
  s.kv = null;
  s.retiredStart = 0;
  s.retiredEnd = 0;
  t.directory = bootEnd;
  t.window = addr(store) - bootEnd;
  expect(u32(frameStorageAt(u64(bootEnd))) - bootEnd <= PAGES * PAGE_SIZE, "the test buffer holds the directory and the tables");
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
      if (page >= VGA_TEXT_BUFFER && page < VGA_TEXT_END) bad++;
      continue;
    }
    mapped++;
    const inRegion = page >= s.imageStart && page < s.kernelRegionTop;
    if (page === 0 || (!inRegion && !(page >= VGA_TEXT_BUFFER && page < VGA_TEXT_END))) bad++;
    if (entryFrame(e) !== page) bad++; // 1:1
    if ((e & PAGE_USER) !== 0 || (e & PAGE_GLOBAL) === 0) bad++; // global supervisor
    const readOnly = inRegion && page < s.readOnlyEnd;
    if (readOnly !== ((e & PAGE_WRITABLE) === 0)) bad++;
  }
  expectU32(bad, 0, what);
  expectU32(mapped, u32((s.kernelRegionTop - s.imageStart) / PAGE_SIZE) + VGA_TEXT_PAGES, "mapped pages = the kernel region + the VGA window");
}

function qemu128(): void {
  build(0x105000, 0x119000);
  expectU32(s.kernelRegionTop, 0x13c000, "128 MB: a directory, 32 tables and 2 pages of frame storage above boot_end");
  expectU32(lookup(t, 0) & PAGE_PRESENT, 0, "page 0 is not mapped");
  expectU32(lookup(t, 0xfff) & PAGE_PRESENT, 0, "the last byte of page 0 is not mapped");
  expectU32(lookup(t, 0x101000) & (PAGE_PRESENT | PAGE_WRITABLE | PAGE_USER | PAGE_GLOBAL), PAGE_PRESENT | PAGE_GLOBAL, "kernel text: present, global, read-only, supervisor");
  expectU32(lookup(t, 0x104000) & PAGE_WRITABLE, 0, "the last page of rodata is read-only");
  expectU32(lookup(t, 0x100000) & PAGE_WRITABLE, 0, "setup32 and boot_info are read-only");
  expectU32(lookup(t, 0x105000) & (PAGE_PRESENT | PAGE_WRITABLE | PAGE_USER | PAGE_GLOBAL), PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "kernel data: writable");
  expectU32(lookup(t, 0x11a000), 0x11a000 | PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "the page table maps itself");
  expectU32(lookup(t, 0x13b000), 0x13b000 | PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "the frame storage is mapped 1:1, writable");
  expectU32(lookup(t, 0x13c000), 0, "nothing at kernel_region_top");
  expectU32(lookup(t, 0xff000), 0, "nothing just below image_start");
  expectU32(lookup(t, VGA_TEXT_BUFFER), VGA_TEXT_BUFFER | PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "the VGA window's first page, 1:1 writable");
  expectU32(lookup(t, VGA_TEXT_END - PAGE_SIZE), (VGA_TEXT_END - PAGE_SIZE) | PAGE_PRESENT | PAGE_WRITABLE | PAGE_GLOBAL, "the VGA window's last page, 1:1 writable");
  expectU32(lookup(t, VGA_TEXT_END), 0, "nothing after the VGA window");
  expectU32(lookup(t, VGA_TEXT_BUFFER - PAGE_SIZE), 0, "nothing before the VGA window");
  expectU32(directoryEntry(t, 0) & (PAGE_PRESENT | PAGE_USER | PAGE_LARGE), PAGE_PRESENT, "the directory entry is a supervisor table");
  for (let slot: u32 = 0; slot < KERNEL_PAGE_TABLES; slot++) {
    expectU32(entryFrame(directoryEntry(t, slot * TABLE_SPAN)), kernelTableAt(0x119000, slot), "every slot below KLIMIT has its shared table");
  }
  expectU32(kernelTableAt(0x119000, 31), 0x139000, "the last table is boot_end + 32 pages");
  expectU32(KERNEL_PAGE_TABLES * TABLE_SPAN, KLIMIT, "the 32 tables cover exactly [0, KLIMIT)");
  expect(!hasTable(t, KLIMIT), "no table at KLIMIT");
  walk("128 MB: every page below KLIMIT as the spec says");
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "the kernel's self-check passes");
}

/** kernel_region_top is the directory, the 32 tables and the frame storage in whole pages. */
function regionTop(): void {
  expect(kernelRegionTopFor(0x119000n, 0) === 0x13a000n, "no storage: directory + 32 tables");
  expect(kernelRegionTopFor(0x119000n, 1) === 0x13b000n, "one byte of storage takes a page");
  expect(kernelRegionTopFor(0x119000n, 0x1000) === 0x13b000n, "a page of storage");
  expect(kernelRegionTopFor(0x119000n, 0x1001) === 0x13c000n, "a page and a byte: two pages");
  expect(kernelRegionTopFor(0xfffff000n, 0x20000) === 0x100040000n, "64-bit: it does not wrap");
  build(0x105000, 0x119000);
  walk("across the tables and the storage: every page below KLIMIT as the spec says");
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
  setEntry(t, VGA_TEXT_END - PAGE_SIZE, 0);
  broken(SpaceRule.KernelRegionNotIdentity, VGA_TEXT_END - PAGE_SIZE, "the VGA window's last page unmapped");

  build(0x105000, 0x119000);
  mapPage(t, VGA_TEXT_END, VGA_TEXT_END, PAGE_GLOBAL | PAGE_WRITABLE);
  broken(SpaceRule.StrayMapping, VGA_TEXT_END, "a page just after the VGA window");

  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[0] = directoryEntry(t, 0) | PAGE_USER;
  broken(SpaceRule.DirectoryEntry, 0, "a user directory entry");

  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[5] = 0x01400000 | PAGE_PRESENT | PAGE_WRITABLE | PAGE_LARGE;
  broken(SpaceRule.DirectoryEntry, 5 * TABLE_SPAN, "a 4 MiB page below KLIMIT");

  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[0] = 0;
  broken(SpaceRule.SharedTable, 0, "the kernel region's table missing");

  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[31] = 0;
  broken(SpaceRule.SharedTable, 31 * TABLE_SPAN, "the last kernel table missing");

  // A slot's entry pointing at another slot's table (the right memory, the wrong place).
  build(0x105000, 0x119000);
  ptr<u32>(t.directory + t.window)[7] = directoryEntry(t, 8 * TABLE_SPAN);
  broken(SpaceRule.SharedTable, 7 * TABLE_SPAN, "a directory entry not at its own table");
  expect(!mapPage(t, KLIMIT, 0x200000, PAGE_GLOBAL), "mapPage refuses KLIMIT: no kernel table there");

  // The retired boot stack: four pages below boot_end, unmapped once threads run.
  build(0x105000, 0x119000);
  s.retiredStart = 0x115000;
  s.retiredEnd = 0x119000;
  broken(SpaceRule.RetiredMapped, 0x115000, "the retired boot stack still mapped");
  for (let page: u32 = 0x115000; page < 0x119000; page += PAGE_SIZE) setEntry(t, page, 0);
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "the retired boot stack unmapped: passes");
  mapPage(t, 0x118000, 0x118000, PAGE_GLOBAL | PAGE_WRITABLE);
  broken(SpaceRule.RetiredMapped, 0x118000, "one page of the retired boot stack mapped again");
  setEntry(t, 0x118000, 0);
  setEntry(t, 0x114000, 0);
  broken(SpaceRule.KernelRegionNotIdentity, 0x114000, "the page below the retired range is still kernel region");
}

/** With the virtual allocator in place, its pages and the held slots may be mapped; nothing else. */
function withKvSpace(): void {
  build(0x105000, 0x119000);
  expectU32(u32(kvInit(kv, s.kernelRegionTop)), 0, "kvInit");
  expectU32(u32(kvReserve(kv, VGA_TEXT_BUFFER, VGA_TEXT_PAGES)), 0, "the VGA window reserved");
  s.kv = kv;
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "nothing mapped yet: passes");
  const page = kvAlloc(kv, 1);
  expectU32(page, s.kernelRegionTop, "the first kernel page is kernel_region_top");
  mapPage(t, page, 0x5000000, PAGE_GLOBAL | PAGE_WRITABLE);
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "a kernel page the allocator handed out, to any frame");
  mapPage(t, page + PAGE_SIZE, 0x5001000, PAGE_GLOBAL | PAGE_WRITABLE);
  broken(SpaceRule.StrayMapping, page + PAGE_SIZE, "a page the allocator did not hand out");
  setEntry(t, page + PAGE_SIZE, 0);
  mapPage(t, page, 0x5000000, PAGE_GLOBAL | PAGE_WRITABLE | PAGE_USER);
  broken(SpaceRule.KernelMappingNotGlobalSupervisor, page, "a kernel page open to user mode");
  setEntry(t, page, 0);
  const slot = kvTempAcquire(kv);
  expectU32(slot, TEMP_BASE, "the first slot");
  mapPage(t, slot, 0x6000000, PAGE_GLOBAL | PAGE_WRITABLE);
  expectU32(u32(checkKernelSpace(t, s)), u32(SpaceRule.Ok), "a held temporary slot");
  kvTempRelease(kv, slot);
  broken(SpaceRule.StrayMapping, slot, "a released slot still mapped");
  setEntry(t, slot, 0);
  mapPage(t, 0x1000, 0x1000, PAGE_GLOBAL | PAGE_WRITABLE);
  broken(SpaceRule.StrayMapping, 0x1000, "a low page nobody took");
  s.kv = null;
}

export function testVm(): void {
  suite("vm");
  qemu128();
  regionTop();
  selfCheckFires();
  withKvSpace();
}
