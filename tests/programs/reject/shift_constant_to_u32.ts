// error: 4:16 /cannot use i32 as u32.*write u32\(\.\.\.\).*signed 32-bit result/
export function main(): i32 {
  let n: u32 = 31;
  let k: u32 = 1 << n;
  print(k);
  return 0;
}
