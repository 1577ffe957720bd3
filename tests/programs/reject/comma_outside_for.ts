// error: 5:3 /comma operator is only for the parts of a for header/
export function main(): i32 {
  let a: u32 = 0;
  let b: u32 = 0;
  a++, b++;
  return 0;
}
