// error: 3:7 /not assignable/
export function main(): i32 {
  let x: u32 = "hello";
  print(x);
  return 0;
}
