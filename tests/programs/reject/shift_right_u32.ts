// error: 4:16 />>>/
export function main(): i32 {
  let a: u32 = 0x80000000;
  let b: u32 = a >> 4;
  print(b);
  return 0;
}
