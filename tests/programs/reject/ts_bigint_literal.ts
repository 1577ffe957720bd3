// error: 3:7 /not assignable/
export function main(): i32 {
  let big: u64 = 5;
  print(big);
  return 0;
}
