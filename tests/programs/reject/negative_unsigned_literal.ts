// error: 3:16 /fit|-1/i
export function main(): i32 {
  let b: u32 = -1;
  print(b);
  return 0;
}
