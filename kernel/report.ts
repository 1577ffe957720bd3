// What the kernel tells the console about memory at boot: the layout report
// (`layout: NAME=0xXXXXXXXX`, a contract with the tests), the firmware's e820
// map and the kernel's physical memory map, one region per line.
// tsuki: optimize for size

import { BootInfo, E820Entry, E820_ENTRY_SIZE } from "./bootinfo";
import { CpuInfo, EXT_FEATURE_NX, FEATURE_PAE, FEATURE_PGE, FEATURE_PSE, FEATURE_SEP, cpuFamily, cpuModel, hasFeature } from "./i686/cpufeatures";
import { KLIMIT, Layout, PAGE_SIZE } from "./layout";
import { LogLevel, log1, log2, log4, log5 } from "./log";
import { fmtStr, hi64, lo64 } from "./format";
import { frameStorageAt } from "./mm/bootarea";
import { MemoryType, RegionList, regionAt } from "./mm/physmap";

function layoutLine(name: CStr, value: u32): void {
  log2(LogLevel.Info, "layout: %s=0x%08x\n", fmtStr(name), value);
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

/** The firmware's map as setup32 copied it, entry by entry: `e820: 0xSTART-0xEND TYPE`. */
export function reportE820(map: usize, entries: u32): void {
  for (let i: u32 = 0; i < entries; i++) {
    const e = ref<E820Entry>(map + i * E820_ENTRY_SIZE);
    const end = e.base + e.length;
    log5(LogLevel.Info, "e820: 0x%016lx-0x%016lx %s\n", lo64(e.base), hi64(e.base), lo64(end), hi64(end), fmtStr(e820TypeName(e.type)));
  }
}

/** The kernel's physical memory map: `physmap: 0xSTART-0xEND TYPE`, then a total. */
export function reportPhysMap(map: RegionList): void {
  let availableKiB: u32 = 0;
  for (let i: u32 = 0; i < map.count; i++) {
    const r = regionAt(map, i);
    log5(LogLevel.Info, "physmap: 0x%016lx-0x%016lx %s\n", lo64(r.start), hi64(r.start), lo64(r.end), hi64(r.end), fmtStr(memoryTypeName(r.type)));
    if (r.type === MemoryType.Available) availableKiB += u32((r.end - r.start) >> 10n);
  }
  log1(LogLevel.Info, "physmap: %u KiB available\n", availableKiB);
}

/**
 * One line: vendor, family/model/stepping, and the features above the
 * baseline the kernel cares about. The vendor's 12 bytes have no NUL after
 * them in CpuInfo, so %s gets a terminated copy.
 */
export function reportCpu(c: CpuInfo): void {
  const vendor: Arr<u8, 13> = zeroed();
  memcpy(addr(vendor), addr(c.vendor), 12);
  log4(LogLevel.Info, "cpu: %s family %u model %u stepping %u, features:", addr(vendor), cpuFamily(c.signature), cpuModel(c.signature), c.signature & 0xf);
  log5(
    LogLevel.Info,
    "%s%s%s%s%s\n",
    fmtStr(hasFeature(c, FEATURE_PSE) ? " pse" : " no-pse"),
    fmtStr(hasFeature(c, FEATURE_PGE) ? " pge" : " no-pge"),
    fmtStr(hasFeature(c, FEATURE_SEP) ? " sep" : " no-sep"),
    fmtStr(hasFeature(c, FEATURE_PAE) ? " pae" : " no-pae"),
    fmtStr((c.extFeatures & EXT_FEATURE_NX) !== 0 ? " nx" : " no-nx"),
  );
}
