// u32 wraps modulo 2^32: addition, subtraction, multiplication, negation.
export function main(): i32 {
  let a: u32 = 0xffffffff;
  print(a);
  a += 1;
  print(a);
  a -= 1;
  print(a);
  let b: u32 = 0x10000;
  print(b * b); // 2^32 wraps to 0
  let c: u32 = 0x12345678;
  print(c * 16);
  print(c * c);
  let d: u32 = 5;
  print(-d);
  print(~d);
  print(d - 7);
  let e: u32 = 4000000000;
  print(e + e);
  e *= 3;
  print(e);
  let f: u32 = 1;
  for (let i: u32 = 0; i < 40; i++) f *= 3;
  print(f); // 3^40 mod 2^32
  return 0;
}
