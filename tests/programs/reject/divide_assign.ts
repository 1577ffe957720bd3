// error: 4:3 /\/=/
export function main(): i32 {
  let x: u32 = 10;
  x /= 2;
  print(x);
  return 0;
}
