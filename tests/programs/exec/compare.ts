// Comparisons give bool. Signed types compare as signed, unsigned as unsigned;
// types narrower than 32 bits are promoted to i32 first, so i8 -1 < u8 255.
export function main(): i32 {
  let a: i32 = -1;
  let b: i32 = 1;
  print(a < b);
  print(a > b);
  print(a <= -1);
  print(a >= 0);
  let u: u32 = 0xffffffff;
  let v: u32 = 1;
  print(u > v);
  print(u < v);
  print(u === 4294967295);
  print(u !== v);
  let c: i8 = -1;
  let d: u8 = 255;
  print(c < d);
  print(c === -1);
  print(d == 255);
  print(d != 255);
  let e: i16 = -5;
  let f: u16 = 5;
  print(e < f);
  let g: u64 = 0xffffffffffffffffn;
  let h: u64 = 0n;
  print(g > h);
  let i: i64 = -1n;
  let j: i64 = 0n;
  print(i < j);
  print(i === -1n);
  let k: u8 = 7;
  let l: u32 = 7;
  print(k === l); // u8 is promoted; both are non-negative
  let m: i32 = 7;
  print(k === m);
  let n: u16 = 65535;
  let o: i32 = -1;
  print(n > o); // u16 promotes to i32
  let flag: bool = a < b;
  print(flag === true);
  print(flag !== (b < a));
  return 0;
}
