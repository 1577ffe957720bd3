// error: 6:3 /for\s*\.{2,3}\s*of|for-of/i
const T: readonly u32[] = [1, 2, 3];

export function main(): i32 {
  let s: u32 = 0;
  for (const v of T) s += v;
  print(s);
  return 0;
}
