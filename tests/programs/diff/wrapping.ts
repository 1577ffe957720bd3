// Running sums and products of every type, wrapped explicitly after each
// step, plus the signed and unsigned views of the same bits.
export function main(): i32 {
  let a8: u8 = 0;
  let s8: i8 = 0;
  let a16: u16 = 0;
  let s16: i16 = 0;
  let a32: u32 = 1;
  let s32: i32 = 1;
  let a64: u64 = 1n;
  let s64: i64 = 1n;
  for (let i: u32 = 1; i <= 40; i++) {
    a8 = u8(a8 + i * 7);
    s8 = i8(s8 - i * 5);
    a16 = u16(a16 * 3 + i);
    s16 = i16(s16 * -3 + i32(i));
    a32 = u32(u64(a32) * 2654435761n + u64(i));
    s32 = i32(i64(s32) * -7n + i64(i));
    a64 = u64(a64 * 6364136223846793005n + 1442695040888963407n);
    s64 = i64(s64 * -3n - i64(i));
    if (i % 5 === 0) {
      print(a8);
      print(s8);
      print(a16);
      print(s16);
      print(a32);
      print(s32);
      print(a64);
      print(s64);
      print(i8(a8));
      print(u16(s16));
      print(i32(a32));
      print(u32(s32));
      print(i64(a64));
      print(u64(s64));
    }
  }
  return 0;
}
