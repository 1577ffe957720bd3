// Implicit conversions where every value fits: in assignments, arguments and
// return values. u8 -> u16 u32 i16 i32, u16 -> u32 i32, i8 -> i16 i32,
// i16 -> i32, i32 -> i64, u32 -> u64 i64 (bigint targets need u64()/i64() in
// TypeScript for number sources, so those are written with a conversion).
function takesI32(x: i32): i32 {
  return x;
}
function takesU32(x: u32): u32 {
  return x;
}
function widenU16(x: u8): u16 {
  return x;
}
function widenI16(x: i8): i16 {
  return x;
}
function widen64(x: u64): u64 {
  return x;
}

export function main(): i32 {
  let a: u8 = 255;
  let b: i8 = -128;
  let c: u16 = 65535;
  let d: i16 = -32768;
  let e: u16 = a;
  let f: u32 = a;
  let g: i16 = a;
  let h: i32 = a;
  print(e);
  print(f);
  print(g);
  print(h);
  let i: u32 = c;
  let j: i32 = c;
  print(i);
  print(j);
  let k: i16 = b;
  let l: i32 = b;
  print(k);
  print(l);
  let m: i32 = d;
  print(m);
  print(takesI32(a));
  print(takesI32(b));
  print(takesI32(c));
  print(takesI32(d));
  print(takesU32(a));
  print(takesU32(c));
  print(widenU16(a));
  print(widenI16(b));
  let n: u64 = u64(c);
  print(widen64(n));
  let o: i64 = i64(b);
  print(o);
  let p: i64 = i64(f);
  print(p);
  return 0;
}
