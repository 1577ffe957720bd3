// error: 3:10 /null|union/i
export function main(): i32 {
  let x: u32 | null = null;
  print(x === null);
  return 0;
}
