// Building the physical memory maps on the boot heap: the firmware's (e820
// sanitized: sorted, overlaps resolved) and the kernel's (the same, with the
// kernel image, the boot data and the initial page tables reserved).
// tsuki: optimize for size

import { BootInfo, E820Entry, E820_ENTRY_SIZE } from "../bootinfo";
import { panic } from "../panic";
import { bootAlloc } from "./bootheap";
import { MemoryType, REGION_SIZE, RegionList, addClaim, addE820Claim, buildMap } from "./physmap";

function newRegionList(capacity: u32): RegionList {
  const list = ref<RegionList>(bootAlloc(sizeOf<RegionList>(), 8));
  const regions = bootAlloc(capacity * REGION_SIZE, 8);
  if (addr(list) === 0 || regions === 0) panic("boot heap exhausted while building the memory map");
  list.regions = regions;
  list.capacity = capacity;
  list.count = 0;
  return list;
}

/** Claims for every e820 entry, with room for `extra` more. */
function e820Claims(info: BootInfo, extra: u32): RegionList {
  const claims = newRegionList(info.e820Entries + extra);
  for (let i: u32 = 0; i < info.e820Entries; i++) {
    const e = ref<E820Entry>(info.e820Map + i * E820_ENTRY_SIZE);
    addE820Claim(claims, e.base, e.length, e.type);
  }
  return claims;
}

function mapOf(claims: RegionList): RegionList {
  const map = newRegionList(2 * claims.count + 1);
  if (!buildMap(claims, map)) panic("memory map larger than its bound");
  return map;
}

/** The e820 map, sorted and with overlaps resolved. */
export function firmwareMap(info: BootInfo): RegionList {
  return mapOf(e820Claims(info, 0));
}

/**
 * The claims kernelMap adds to the firmware map (image, boot data, initial
 * page allocations, initrd): each can split one Available region, so the
 * frame allocator's storage, sized from the firmware map before
 * kernel_region_top is known, takes this many extra splits (mm/frames.ts).
 */
export const KERNEL_MAP_CLAIMS: u32 = 4;

/**
 * The kernel's physical memory map: the firmware's, with the image, the boot
 * data (e820 copy, boot heap, boot stack), the initial page allocations and
 * the initrd (if the loader brought one) reserved.
 */
export function kernelMap(info: BootInfo, kernelRegionTop: u32): RegionList {
  const claims = e820Claims(info, KERNEL_MAP_CLAIMS);
  addClaim(claims, u64(info.imageStart), u64(info.imageTop), MemoryType.KernelImage);
  addClaim(claims, u64(info.imageTop), u64(info.bootEnd), MemoryType.BootData);
  addClaim(claims, u64(info.bootEnd), u64(kernelRegionTop), MemoryType.PageTables);
  addClaim(claims, u64(info.initrdStart), u64(info.initrdStart) + u64(info.initrdSize), MemoryType.Initrd);
  return mapOf(claims);
}
