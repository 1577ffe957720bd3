// Conversion functions wrap modulo 2^width like a C cast; bool converts to 0/1.
export function main(): i32 {
  let big: u32 = 0x12345678;
  print(u8(big));
  print(u16(big));
  print(i8(big));
  print(i16(big));
  let neg: i32 = -1;
  print(u8(neg));
  print(u16(neg));
  print(u32(neg));
  print(u64(neg));
  print(i64(neg));
  print(usize(neg));
  let x: u32 = 0xffffffff;
  print(i32(x));
  print(i64(x));
  print(u64(x));
  let y: u64 = 0xfedcba9876543210n;
  print(u32(y));
  print(i32(y));
  print(u8(y));
  print(i64(y));
  print(i16(y));
  let z: i64 = -2n;
  print(u64(z));
  print(u32(z));
  print(i8(z));
  let t: bool = true;
  let f: bool = false;
  print(u32(t));
  print(i32(f));
  print(u8(t) + u8(t));
  print(u64(t));
  let s: i8 = -100;
  let w: i32 = s; // implicit sign extension
  print(w);
  let su: u32 = u32(s);
  print(su);
  print(u8(s));
  print(u8(300));
  print(i8(200));
  print(u16(-1));
  print(i16(40000));
  print(u32(-1));
  print(i32(0xffffffff));
  print(u64(-1));
  return 0;
}
