// Untyped constants: literals and constant expressions are evaluated exactly
// at compile time and take the type their use needs.
const K = 4096;
const MB = 1024 * 1024;
const FOUR_GB = 4 * 1024 * MB; // 2^32: exact, only used where it fits
const NEG = -5;
const MASK = ~0xff;
const SHIFTED = 1 << 20;
const BIN = 0b10100101;
const OCT = 0o755;
const HEX = 0xcafe;
const BIGC = 123456789012345678n;

export function main(): i32 {
  let a: u32 = K;
  print(a);
  let b: u32 = MB * 3;
  print(b);
  let c: u64 = u64(FOUR_GB) + 1n;
  print(c);
  print(u32(FOUR_GB - 1));
  let d: i32 = NEG;
  print(d);
  let e: i8 = NEG * 20;
  print(e);
  print(u8(200 + 100)); // folded to 300, then converted: 44
  print(i32(MASK));
  print(u32(MASK));
  print(u32(SHIFTED));
  print(u32(BIN));
  print(u32(OCT));
  print(u32(HEX));
  let f: u64 = BIGC * 10n;
  print(f);
  let g: u16 = K * 16 - 1;
  print(g);
  let h: u8 = 255;
  print(h + K); // the constant takes the promoted type i32
  let i: u32 = 0xffffffff;
  print(i + 1); // u32 wraps
  print(u32(K * K * K / 3)); // exact: 2^36 / 3, then converted
  return 0;
}
