// Several expressions in a for header, separated by commas, run left to
// right (issue 12): `i++, j--` in the step, two assignments in the initialiser.
export function main(): i32 {
  let sum: u32 = 0;
  let j: u32 = 10;
  for (let i: u32 = 0; i < 5; i++, j--) sum = u32(sum + i * j);
  print(sum);
  print(j);
  let a: u32 = 0;
  let b: u32 = 0;
  for (a = 1, b = a + 1; a < 100; a = u32(a * 2), b = u32(b + a)) sum = u32(sum + b);
  print(sum);
  print(a);
  print(b);
  return 0;
}
