// x % -1 is 0 for every x, INT_MIN too, as JavaScript computes it; `%` and
// `%=` agree (the division INT_MIN / -1 still traps: docs/subset.md).
let a: i32 = -2147483647;
let m: i32 = -1;
let big: i64 = -9223372036854775807n;
let mb: i64 = -1n;
export function main(): i32 {
  a = a - 1;
  print(a % m);
  let x: i32 = a;
  x %= m;
  print(x);
  print(i32(7) % m);
  big = big - 1n;
  print(big % mb);
  return 0;
}
