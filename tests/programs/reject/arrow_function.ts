// error: 5:16 /arrow function|closure/i
type F = (x: u32) => u32;

export function main(): i32 {
  const f: F = (x: u32): u32 => x + 1;
  print(f(1));
  return 0;
}
