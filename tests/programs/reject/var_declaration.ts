// error: 3:3 /\bvar\b/
export function main(): i32 {
  var x: u32 = 1;
  print(x);
  return 0;
}
