// 64-bit shifts: << and >> (logical on u64, arithmetic on i64); a count of
// 64 or more gives 0, or -1 for >> of a negative i64.
export function main(): i32 {
  let one: u64 = 1n;
  print(one << 63n);
  print(one << 32n);
  let top: u64 = 0x8000000000000000n;
  print(top >> 63n);
  print(top >> 1n);
  let neg: i64 = -256n;
  print(neg >> 4n);
  print(neg << 4n);
  print(neg >> 62n);
  let k: u64 = 64n;
  print(one << k);
  print(top >> k);
  print(neg >> k);
  let pos: i64 = 256n;
  print(pos >> k);
  let big: u64 = 100n;
  print(top >> big);
  let v: u64 = 0x0123456789abcdefn;
  let s: u64 = 4n;
  print(v << s);
  print(v >> s);
  print(v << 36n);
  let x: i64 = 1n;
  print(x << 63n); // i64 shifts on the unsigned bits: INT64_MIN
  v <<= 8n;
  print(v);
  v >>= 16n;
  print(v);
  let hi: u32 = u32(v >> 32n);
  let lo: u32 = u32(v);
  print(hi);
  print(lo);
  return 0;
}
