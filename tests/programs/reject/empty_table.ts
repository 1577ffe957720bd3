// error: 3:14 /arrays do not grow/
export function main(): i32 {
  const buf: u32[] = [];
  print(0);
  return 0;
}
