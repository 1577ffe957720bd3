// u8: 8-bit unsigned values wrap modulo 256 when stored (docs/subset.md,
// "Integer arithmetic"); compound assignments and ++/-- wrap into the variable.
export function main(): i32 {
  let a: u8 = 250;
  a += 10;
  print(a); // 260 mod 256
  a = 255;
  a++;
  print(a);
  a--;
  print(a);
  a = 3;
  a -= 5;
  print(a);
  a = 16;
  a *= 17;
  print(a); // 272 mod 256
  let b: u8 = 200;
  let c: u8 = 100;
  print(u8(b + c));
  print(u8(b * c)); // 20000 mod 256 = 32
  print(u8(c - b)); // -100 mod 256
  print(u8(~b));
  let m: u8 = 255;
  print(m);
  m <<= 1;
  print(m); // 510 mod 256
  m >>= 1;
  print(m);
  return 0;
}
