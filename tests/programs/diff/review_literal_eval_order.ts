// Object and array literals evaluate their values left to right, in the
// order they are written (docs/subset.md, "Evaluation order"). The C
// initialiser lists they become leave the order open, and gcc fills a struct
// in field order: `{ z: next(), y: next(), x: next() }` now gives x = 1
// instead of x = 3.
interface P { x: u32; y: u32; z: u32; }
let n: u32 = 0;
function next(): u32 { n = n + 1; return n; }

export function main(): i32 {
  const p: P = { z: next(), y: next(), x: next() };
  print(p.x);
  print(p.y);
  print(p.z);
  const a: Arr<u32, 3> = [next(), u32(next() * 10), u32(next() * 100)];
  print(a[0]);
  print(a[1]);
  print(a[2]);
  const q: P = { y: next(), x: n, z: next() };
  print(q.x);
  print(q.y);
  print(q.z);
  const b: Arr<u32, 3> = [n++, n++, n];
  print(b[0]);
  print(b[1]);
  print(b[2]);
  return 0;
}
