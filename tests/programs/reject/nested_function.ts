// error: 4:3 /nested function|closure|top-level/i
export function main(): i32 {
  let base: u32 = 5;
  function inner(x: u32): u32 {
    return x + base;
  }
  print(inner(1));
  return 0;
}
