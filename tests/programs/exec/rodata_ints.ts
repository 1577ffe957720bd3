// Read-only tables of integers (in .rodata): every integer type, .length as a
// compile-time constant, lookups with computed indices.
const SQUARES: readonly u32[] = [0, 1, 4, 9, 16, 25, 36, 49];
const BYTES: readonly u8[] = [0x00, 0x7f, 0x80, 0xff];
const SIGNED: readonly i8[] = [-128, -1, 0, 127];
const HALF: readonly i16[] = [-32768, 32767];
const WIDE: readonly u64[] = [0n, 0xffffffffffffffffn, 0x8000000000000000n];
const NEGWIDE: readonly i64[] = [-9223372036854775808n, -1n];
const CRC_POLY: readonly u32[] = [0xedb88320, 0x82f63b78];
const N = SQUARES.length;
const LOOKUP: Arr<u32, 8> = zeroed();

export function main(): i32 {
  print(N);
  let s: u32 = 0;
  for (let i: u32 = 0; i < SQUARES.length; i++) s += SQUARES[i];
  print(s);
  print(BYTES.length);
  print(BYTES[3] + BYTES[2]);
  print(SIGNED[0] + SIGNED[1]);
  print(HALF[0]);
  print(HALF[1]);
  print(WIDE[1] + WIDE[2]);
  print(NEGWIDE[0]);
  print(NEGWIDE[1]);
  print(CRC_POLY[0]);
  print(CRC_POLY[1] >>> 24);
  let idx: u8 = 7;
  print(SQUARES[idx & 3]);
  print(LOOKUP.length + N);
  return 0;
}
