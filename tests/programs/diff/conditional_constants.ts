// A conditional of two constants takes the type its use needs, like an
// untyped constant, when both values fit it (review findings 14 and 15).
const enum Pte { Present = 1, Writable = 2 }
export function main(): i32 {
  let x: u32 = 100;
  let c: bool = false;
  let d: bool = true;
  let k: u32 = 2;
  print(x % (d ? 64 : 16));
  print(c ? x : (d ? 1 : 2));
  print(k === 0 ? 0xffffffff : k === 1 ? 1 : 2);
  print(k === 0 ? 1 : k === 1 ? 2 : 0xffffffff);
  print(c ? 0 : Pte.Present);
  print(x & (d ? ~0xf : 0xff));
  print((d ? 3 : 4) < x);
  return 0;
}
