// error: 4:16 /\*\*|exponent|power/i
export function main(): i32 {
  let x: u32 = 3;
  let y: u32 = x ** 2;
  print(y);
  return 0;
}
