// kernel/mm/physmap.ts: the hostile maps (hostile.ts), then random ones
// built to collide: page-aligned and half-page addresses in a small window,
// entries near 4 GiB and near 2^64, zero and wrapping lengths, every type.
// Each is checked against the invariants and the oracle (hostile.ts).

import { suite } from "./check";
import { checked, ent, hostileMaps, hostileReset } from "./hostile";

const MAX: u64 = 0xffffffffffffffffn;
const TYPES: readonly u32[] = [1, 1, 1, 2, 3, 4, 5, 7, 0];
let seed: u32 = 0x2545f491;

function random(n: u32): u32 {
  seed = seed * 1664525 + 1013904223;
  return (seed >>> 8) % n;
}

function randomBase(): u64 {
  const pick = random(10);
  const pages = u64(random(64)) * 0x1000n + (random(4) === 0 ? 0x800n : 0n);
  if (pick === 0) return 0x100000000n - pages;
  if (pick === 1) return MAX - pages;
  return pages;
}

function randomLength(): u64 {
  const pick = random(10);
  if (pick === 0) return 0n;
  if (pick === 1) return MAX - u64(random(16)) * 0x1000n; // wraps past 2^64 from almost anywhere
  return u64(1 + random(16)) * 0x1000n - (random(4) === 0 ? 0x800n : 0n);
}

/** A new random map of 1 to 40 entries in the claims of maps.ts (not built yet). */
export function randomMap(): void {
  hostileReset();
  const n = 1 + random(40);
  for (let i: u32 = 0; i < n; i++) ent(randomBase(), randomLength(), TYPES[random(TYPES.length)]);
}

function randomMaps(): void {
  for (let m: u32 = 0; m < 300; m++) {
    randomMap();
    checked("a random map");
  }
}

export function testHostileMaps(): void {
  suite("physmap-hostile");
  hostileMaps();
  randomMaps();
}
