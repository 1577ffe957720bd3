// error: 8:14 /convert|i32\(|u32\(/i
function take(x: u32): u32 {
  return x;
}

export function main(): i32 {
  let s: i32 = -1;
  print(take(s));
  return 0;
}
