// Object literals initialise struct storage (module and local); nested Inline structs and Arr fields take nested literals.
interface Point {
  x: i32;
  y: i32;
}

interface Config {
  id: u16;
  enabled: bool;
  scale: u64;
  origin: Inline<Point>;
  weights: Arr<u8, 4>;
  link: Config | null;
}

const origin: Point = { x: 1, y: -2 };
const base: Config = { id: 1, enabled: true, scale: 1000000000000n, origin: { x: 5, y: 6 }, weights: [1, 2, 3, 4], link: null };
const derived: Config = { id: 2, enabled: false, scale: 0n, origin: { x: 0, y: 0 }, weights: [9, 8, 7, 6], link: base };

function dump(c: Config): void {
  print(c.id);
  print(c.enabled);
  print(c.scale);
  print(c.origin.x);
  print(c.origin.y);
  print(c.weights[0] + c.weights[3]);
  print(c.link !== null);
}

export function main(): i32 {
  print(origin.x);
  print(origin.y);
  dump(base);
  dump(derived);
  if (derived.link !== null) print(derived.link.id);
  origin.x = 100; // initialised storage is writable
  print(origin.x);
  const local: Point = { x: 3, y: 4 };
  print(local.x * local.x + local.y * local.y);
  local.y = 0;
  print(local.y);
  for (let i: u32 = 0; i < 2; i++) {
    const fresh: Point = { x: 7, y: 8 }; // initialised again on each iteration
    print(fresh.x);
    fresh.x = 0;
  }
  return 0;
}
