// error: 5:24 /zero/i
// A constant zero divisor is a compile error (docs/subset.md).
export function main(): i32 {
  let x: u32 = 7;
  let q: u32 = u32(x / 0);
  print(q);
  return 0;
}
