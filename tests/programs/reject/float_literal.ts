// error: 3:20 /float|fraction/i
export function main(): i32 {
  let x: u32 = u32(1.5);
  print(x);
  return 0;
}
