// error: 5:16 /function expression|closure/i
type F = (x: u32) => u32;

export function main(): i32 {
  const f: F = function (x: u32): u32 {
    return x + 1;
  };
  print(f(1));
  return 0;
}
