// error: 3:28 /spread/i
const A: readonly u32[] = [1, 2];
const B: readonly u32[] = [...A, 3];

export function main(): i32 {
  print(B[0]);
  return 0;
}
