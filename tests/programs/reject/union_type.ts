// error: 2:15 /union/i
function f(x: u32 | bool): u32 {
  return 0;
}

export function main(): i32 {
  print(f(1));
  return 0;
}
