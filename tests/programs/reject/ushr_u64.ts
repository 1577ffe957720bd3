// error: 4:16 />>>/
export function main(): i32 {
  let b: u64 = 1n;
  let c: u64 = b >>> 4n;
  print(c);
  return 0;
}
