// Stack storage "lives until the function returns" (docs/subset.md,
// "Storage"; zeroed_loop.ts: "references to them stay valid until the
// function returns"). Storage declared in an inner block becomes a C
// block-scope object, whose lifetime ends with the block: gcc reuses its
// stack slot or drops its stores, so the reference kept in `r` reads garbage.
interface S { x: u32; y: u32; z: u32; w: u32; }

function total(a: Arr<u32, 4>): u32 {
  return a[0] + a[1] + a[2] + a[3];
}

function run(c: bool): u32 {
  let r: S | null = null;
  if (c) {
    const s: S = { x: 1, y: 2, z: 3, w: 4 };
    r = s;
  }
  let sum: u32 = 0;
  if (c) {
    const t: Arr<u32, 4> = [9, 9, 9, 9];
    sum = total(t);
  }
  if (r !== null) return r.x + r.y + r.z + r.w + sum;
  return 0;
}

function lastOfLoop(): u32 {
  let keep: S | null = null;
  for (let i: u32 = 1; i <= 3; i++) {
    const s: S = zeroed();
    s.x = i;
    keep = s;
  }
  const other: Arr<u32, 8> = [7, 7, 7, 7, 7, 7, 7, 7];
  return keep !== null ? keep.x + other[0] : 0;
}

export function main(): i32 {
  print(run(true));
  print(lastOfLoop());
  return 0;
}
