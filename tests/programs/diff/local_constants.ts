// Local constants whose value is known are compile-time constants, as at
// module level: typed ones convert where they fit, untyped ones take the
// type their use needs (review finding 13).
function take(x: u8): u32 { return u32(x); }
export function main(): i32 {
  const GATE: u8 = 0x8e;
  const USER: u8 = 0x60;
  print(take(GATE | USER));
  const PAGE = 4096;
  let va: u32 = 0x12345;
  print(va & ~(PAGE - 1));
  const n: u32 = 5;
  let size: u32 = 10;
  print(size > n);
  return 0;
}
