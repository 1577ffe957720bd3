// error: 2:12 /default/i
function f(a: u32 = 5): u32 {
  return a;
}

export function main(): i32 {
  print(f(1));
  return 0;
}
