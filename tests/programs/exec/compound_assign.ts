// Every compound assignment computes with the usual rules and wraps the
// result back into the variable's type.
interface S {
  f: u8;
  w: i64;
  arr: Arr<i16, 2>;
}

export function main(): i32 {
  let a: u8 = 200;
  a += 100;
  print(a);
  a -= 50;
  print(a);
  a *= 3;
  print(a);
  a %= 7;
  print(a);
  a = 0xf0;
  a &= 0x3c;
  print(a);
  a |= 0x03;
  print(a);
  a ^= 0xff;
  print(a);
  a <<= 3;
  print(a);
  a >>= 2;
  print(a);
  a = 0x80;
  a >>>= 7;
  print(a);
  let b: i32 = -100;
  b >>= 2;
  print(b);
  b >>>= 28;
  print(b);
  b <<= 30;
  print(b);
  let c: u32 = 7;
  c -= 8;
  print(c);
  c *= c;
  print(c);
  let d: i64 = 5n;
  d *= -3n;
  print(d);
  d <<= 62n;
  print(d);
  d >>= 61n;
  print(d);
  d %= 3n;
  print(d);
  let e: u64 = 1n;
  e -= 2n;
  print(e);
  e >>= 60n;
  print(e);
  let small: i16 = 30000;
  let u: u8 = 200;
  small += u * 20; // i32 arithmetic, wrapped into i16
  print(small);
  const s: S = zeroed();
  s.f += 255;
  s.f += 2;
  print(s.f);
  s.w -= 1n;
  print(s.w);
  s.arr[1] -= 32767;
  s.arr[1] -= 2;
  print(s.arr[1]);
  return 0;
}
