// error: 5:3 /only permits reading|read-only|readonly/i
const T: readonly u32[] = [1, 2, 3];

export function main(): i32 {
  T[0] = 5;
  return 0;
}
