// error: 5:16 /bool/i
export function main(): i32 {
  let a: u32 = 1;
  let b: u32 = 2;
  let c: u32 = a && b;
  print(c);
  return 0;
}
