// What the kernel tells the console about memory at boot: the layout report
// (`layout: NAME=0xXXXXXXXX`, a contract with the tests), the firmware's e820
// map and the kernel's physical memory map, one region per line.

import { BootInfo, E820Entry, E820_ENTRY_SIZE } from "./bootinfo";
import { newline, putDec, putHex, putHex64, putMemStr, putStr } from "./console";
import { CpuInfo, EXT_FEATURE_NX, FEATURE_PAE, FEATURE_PGE, FEATURE_PSE, FEATURE_SEP, cpuFamily, cpuModel, hasFeature } from "./i686/cpufeatures";
import { KLIMIT, Layout, PAGE_SIZE } from "./layout";
import { frameStorageAt } from "./mm/bootarea";
import { MemoryType, RegionList, regionAt } from "./mm/physmap";

function layoutLine(name: CStr, value: u32): void {
  putStr("layout: ");
  putStr(name);
  putStr("=");
  putHex(value);
  newline();
}

/** Every boot_info field and every boundary of the spec's diagrams, bottom to top. */
export function reportLayout(info: BootInfo, l: Layout): void {
  layoutLine("signature", info.signature);
  layoutLine("version", info.version);
  layoutLine("zero_page", info.zeroPage);
  layoutLine("loader", info.loader);
  layoutLine("initrd_start", info.initrdStart);
  layoutLine("initrd_size", info.initrdSize);
  layoutLine("image_start", l.imageStart);
  layoutLine("kernel_start", l.kernelStart);
  layoutLine("kernel_size", l.kernelSize);
  layoutLine("proc_start", l.procStart);
  layoutLine("proc_size", l.procSize);
  layoutLine("image_top", l.imageTop);
  layoutLine("e820_map", l.e820Map);
  layoutLine("e820_entries", l.e820Entries);
  layoutLine("boot_heap", l.bootHeap);
  layoutLine("cmdline", l.cmdline);
  layoutLine("cmdline_size", l.cmdlineSize);
  layoutLine("boot_heap_top", l.bootHeapTop);
  layoutLine("boot_stack", l.bootStack);
  layoutLine("boot_end", l.bootEnd);
  layoutLine("kernel_tables", l.bootEnd + PAGE_SIZE);
  layoutLine("frame_storage", u32(frameStorageAt(u64(l.bootEnd))));
  layoutLine("frame_storage_size", l.frameStorageBytes);
  layoutLine("kernel_region_top", l.kernelRegionTop);
  layoutLine("klimit", KLIMIT);
}

function e820TypeName(type: u32): CStr {
  switch (type) {
    case 1:
      return "ram";
    case 2:
      return "reserved";
    case 3:
      return "acpi-reclaimable";
    case 4:
      return "acpi-nvs";
    case 5:
      return "unusable";
    default:
      return "unknown";
  }
}

function memoryTypeName(type: MemoryType): CStr {
  switch (type) {
    case MemoryType.Available:
      return "available";
    case MemoryType.Reserved:
      return "reserved";
    case MemoryType.AcpiReclaimable:
      return "acpi-reclaimable";
    case MemoryType.AcpiNvs:
      return "acpi-nvs";
    case MemoryType.Unusable:
      return "unusable";
    case MemoryType.KernelImage:
      return "kernel-image";
    case MemoryType.BootData:
      return "boot-data";
    case MemoryType.PageTables:
      return "page-tables";
    case MemoryType.Initrd:
      return "initrd";
    default:
      return "unknown";
  }
}

/** Prints `PREFIX: 0xSTART-0xEND NAME` for the half-open range [start, end). */
function rangeLine(prefix: CStr, start: u64, end: u64, name: CStr): void {
  putStr(prefix);
  putHex64(start);
  putStr("-");
  putHex64(end);
  putStr(" ");
  putStr(name);
  newline();
}

/** The firmware's map as setup32 copied it, entry by entry: `e820: 0xSTART-0xEND TYPE`. */
export function reportE820(map: usize, entries: u32): void {
  for (let i: u32 = 0; i < entries; i++) {
    const e = ref<E820Entry>(map + i * E820_ENTRY_SIZE);
    rangeLine("e820: ", e.base, e.base + e.length, e820TypeName(e.type));
  }
}

/** The kernel's physical memory map: `physmap: 0xSTART-0xEND TYPE`, then a total. */
export function reportPhysMap(map: RegionList): void {
  let availableKiB: u32 = 0;
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    rangeLine("physmap: ", r.start, r.end, memoryTypeName(r.type));
    if (r.type === MemoryType.Available) availableKiB += u32((r.end - r.start) >> 10n);
  }
  putStr("physmap: ");
  putDec(availableKiB);
  putStr(" KiB available");
  newline();
}

/** One line: vendor, family/model/stepping, and the features above the baseline the kernel cares about. */
export function reportCpu(c: CpuInfo): void {
  putStr("cpu: ");
  putMemStr(addr(c.vendor), 12);
  putStr(" family ");
  putDec(cpuFamily(c.signature));
  putStr(" model ");
  putDec(cpuModel(c.signature));
  putStr(" stepping ");
  putDec(c.signature & 0xf);
  putStr(", features:");
  putFeature("pse", hasFeature(c, FEATURE_PSE));
  putFeature("pge", hasFeature(c, FEATURE_PGE));
  putFeature("sep", hasFeature(c, FEATURE_SEP));
  putFeature("pae", hasFeature(c, FEATURE_PAE));
  putFeature("nx", (c.extFeatures & EXT_FEATURE_NX) !== 0);
  newline();
}

function putFeature(name: CStr, present: bool): void {
  putStr(present ? " " : " no-");
  putStr(name);
}
