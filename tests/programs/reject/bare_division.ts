// error: 5:16 /division|u32\(|conversion/i
export function main(): i32 {
  let a: u32 = 7;
  let b: u32 = 2;
  let q: u32 = a / b;
  print(q);
  return 0;
}
