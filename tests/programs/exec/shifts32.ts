// Shifts of 8- to 32-bit values: << keeps the promoted left type, >> is an
// arithmetic shift of a signed value, >>> a logical shift giving u32; the count
// is taken modulo 32.
export function main(): i32 {
  let a: i32 = -16;
  print(a >> 2);
  print(a >>> 28);
  print(a >>> 0);
  print(a << 2);
  let one: i32 = 1;
  print(one << 31);
  print(one << 30);
  let u: u32 = 0x80000000;
  print(u >>> 31);
  print(u << 1);
  print(u >>> 4);
  let n: u32 = 33;
  let x: u32 = 5;
  print(x << n); // count modulo 32: 10
  let m: i32 = 35;
  print(a >> m); // -16 >> 3
  print(x >>> n);
  let b: u8 = 0xff;
  print(b << 4); // i32 4080
  print(b >>> 4);
  print(b >> 4);
  let c: i8 = -128;
  print(c >> 4);
  print(c >>> 28);
  let d: u16 = 0x8000;
  print(d << 16); // promoted to i32: negative
  let e: u32 = 0xdeadbeef;
  print(e >>> 16);
  print(u16(e));
  print(u8(e >>> 8));
  e <<= 4;
  print(e);
  e >>>= 8;
  print(e);
  let f: i32 = -1;
  f >>>= 1;
  print(f); // u32 result wrapped back into i32
  let g: i16 = -4;
  g >>= 1;
  print(g);
  return 0;
}
