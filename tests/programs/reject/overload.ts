// error: 2:1 /overload/i
function f(a: u32): u32;
function f(a: i32): i32;
function f(a: number): number {
  return a;
}

export function main(): i32 {
  print(f(1));
  return 0;
}
