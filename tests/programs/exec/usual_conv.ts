// The usual arithmetic conversions: after promotion, equal types stay, the
// wider of two same-signed types wins, otherwise the unsigned type wins if it
// is at least as wide, else the signed one.
export function main(): i32 {
  let u: u32 = 1;
  let s: i32 = -2;
  print(u + s); // u32: 4294967295
  print(s * u); // u32
  let bigS: i64 = -10n;
  print(bigS + u64(u)); // u64 wins over i64 of the same width
  let w: u32 = 3000000000;
  let l: i64 = -1n;
  print(i64(w) + l); // explicit
  let k: i32 = -1;
  let v: u64 = 5n;
  print(v + u64(k)); // 4 after wrapping
  let b: u8 = 3;
  print(b - u); // u8 -> i32, then u32 wins: 2
  print(u - b - b - b); // u32 wraps
  let h: u16 = 7;
  print(h - s * s); // i32: 3
  let q: i8 = -3;
  print(q + u); // i8 -> i32 -> u32: 4294967294
  let z: u32 = 10;
  print(z - 11); // the constant takes the other operand's type
  print(s + 0x7fffffff + 5); // i32 wraps: -2147483646
  let m: i64 = -3n;
  let n: u64 = 2n;
  print(u64(m) * n);
  print(m * i64(n));
  return 0;
}
