// Building physical memory maps for the host tests of the memory managers:
// e820 entries and kernel claims go into `claims`, buildMap() sorts and
// merges them into `map`, as kernel/mm/kernelmap.ts does at boot.

import { MemoryType, RegionList, addClaim, addE820Claim, buildMap, regionAt } from "../../kernel/mm/physmap";
import { expect, expectU32, expectU64 } from "./check";

/** Room for 160 claims and the 2n - 1 regions they can make. */
const CLAIMS: u32 = 160;
const claimStore: Arr<u8, 3200> = zeroed({ align: 8 });
const mapStore: Arr<u8, 6400> = zeroed({ align: 8 });
export const claims: RegionList = zeroed();
export const map: RegionList = zeroed();

export function mapReset(): void {
  claims.regions = addr(claimStore);
  claims.capacity = CLAIMS;
  claims.count = 0;
  map.regions = addr(mapStore);
  map.capacity = 2 * CLAIMS - 1;
  map.count = 0;
}

export function e820(base: u64, length: u64, type: u32): void {
  expect(addE820Claim(claims, base, length, type), "the claim list has room");
}

export function claim(start: u64, end: u64, type: MemoryType): void {
  expect(addClaim(claims, start, end, type), "the claim list has room");
}

export function mapBuild(): void {
  expect(buildMap(claims, map), "the map has room");
}

/** Region i of `list` is [start, end) of `type` (a FAIL line naming `what` otherwise). */
export function expectRegion(list: RegionList, i: u32, start: u64, end: u64, type: MemoryType, what: CStr): void {
  if (i >= list.count) {
    expect(false, what);
    return;
  }
  const r = regionAt(list, i);
  expectU64(r.start, start, what);
  expectU64(r.end, end, what);
  expectU32(u32(r.type), u32(type), what);
}
