// error: 2:12 /optional/i
function f(a?: u32): u32 {
  return 1;
}

export function main(): i32 {
  print(f());
  return 0;
}
