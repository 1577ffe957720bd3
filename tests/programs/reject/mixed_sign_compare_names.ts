// error: 6:7 /mixes i32 `count` and u32 `size`.*`u32\(count\) < size`.*`count < i32\(size\)`/
// The suggestion names the program's own operands.
export function main(): i32 {
  let count: i32 = -1;
  let size: u32 = 4;
  if (count < size) print(1);
  return 0;
}
