// u16 wraps modulo 65536.
export function main(): i32 {
  let a: u16 = 65535;
  a++;
  print(a);
  a--;
  print(a);
  a += 2;
  print(a);
  let b: u16 = 300;
  b *= 300; // 90000 mod 65536
  print(b);
  let c: u16 = 0x1234;
  print(u16(c << 4));
  print(u16(c * 16 + 0xffff));
  c = 0;
  c -= 1;
  print(c);
  print(u16(-2));
  return 0;
}
