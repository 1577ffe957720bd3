// error: 6:16 /TS2365.*\n.*u64 and i64 are bigints.*u64\(x\)/
// TypeScript refuses bigint + number; the message says what to write.
export function main(): i32 {
  let a: u64 = 5n;
  let b: u32 = 3;
  let c: u64 = a + b;
  print(c);
  return 0;
}
