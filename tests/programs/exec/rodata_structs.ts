// Read-only tables of struct literals (readonly S[]) and a single read-only
// struct value (Readonly<S>).
interface Region {
  base: u32;
  size: u32;
  kind: u8;
  wide: u64;
}

interface Limits {
  min: i32;
  max: i32;
}

const REGIONS: readonly Region[] = [
  { base: 0x0, size: 0x9fc00, kind: 1, wide: 1n },
  { base: 0x100000, size: 0x7ee0000, kind: 1, wide: 2n },
  { base: 0xfffc0000, size: 0x40000, kind: 2, wide: 0xffffffffffn },
];

const LIMITS: Readonly<Limits> = { min: -100, max: 100 };

function clamp(v: i32): i32 {
  if (v < LIMITS.min) return LIMITS.min;
  if (v > LIMITS.max) return LIMITS.max;
  return v;
}

export function main(): i32 {
  print(REGIONS.length);
  let usable: u32 = 0;
  for (let i: u32 = 0; i < REGIONS.length; i++) {
    const r = REGIONS[i];
    if (r.kind === 1) usable += r.size;
  }
  print(usable);
  print(REGIONS[2].base + REGIONS[2].size); // wraps to 0
  print(REGIONS[2].wide);
  print(clamp(-1000));
  print(clamp(5));
  print(clamp(1000));
  print(sizeOf<Region>());
  print(addr(REGIONS[1]) - addr(REGIONS[0]));
  return 0;
}
