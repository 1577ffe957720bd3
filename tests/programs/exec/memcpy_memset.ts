// memcpy and memset on struct and array storage.
interface Rec {
  a: u32;
  b: u16;
  c: Arr<u8, 6>;
}

const src: Rec = zeroed();
const dst: Rec = zeroed();
const bytes: Arr<u8, 16> = zeroed();

export function main(): i32 {
  src.a = 0x11223344;
  src.b = 0x5566;
  for (let i: u32 = 0; i < 6; i++) src.c[i] = u8(i * 3);
  memcpy(addr(dst), addr(src), sizeOf<Rec>());
  print(dst.a);
  print(dst.b);
  print(dst.c[5]);
  memset(addr(bytes), 0xab, 16);
  print(bytes[0]);
  print(bytes[15]);
  memset(addr(bytes[4]), 0, 8);
  let s: u32 = 0;
  for (let i: u32 = 0; i < 16; i++) s += bytes[i];
  print(s); // 8 bytes of 0xab remain
  memcpy(addr(bytes), addr(src.a), 4);
  print(bytes[0]);
  print(bytes[3]);
  memset(addr(dst), 0xff, offsetOf<Rec>("c"));
  print(dst.a);
  print(dst.b);
  print(dst.c[0]);
  memcpy(addr(dst.c), addr(src.c[2]), 3);
  print(dst.c[0]);
  print(dst.c[2]);
  print(dst.c[3]);
  memset(addr(dst), 1, 0); // a zero length does nothing
  print(dst.a);
  return 0;
}
