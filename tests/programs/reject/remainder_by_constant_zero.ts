// error: 6:22 /zero/i
// A constant zero divisor is a compile error, for % and 64-bit division too.
const ZERO = 0n;
export function main(): i32 {
  let x: i64 = -7n;
  print(x / 1n + x % ZERO);
  return 0;
}
