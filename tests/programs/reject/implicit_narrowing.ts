// error: 4:20 /u8\(|convert|narrow/i
export function main(): i32 {
  let wide: u32 = 300;
  let narrow: u8 = wide;
  print(narrow);
  return 0;
}
