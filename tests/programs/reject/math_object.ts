// error: 5:16 /Math|float/
export function main(): i32 {
  let a: u32 = 3;
  let b: u32 = 4;
  let m: u32 = Math.max(a, b);
  print(m);
  return 0;
}
