// error: 3:15 /256|fit/i
export function main(): i32 {
  let b: u8 = 256;
  print(b);
  return 0;
}
