// error: 7:26 /\bnew\b/i
interface Point {
  x: u32;
}

export function main(): i32 {
  const a: Arr<u32, 4> = new Array<u32>(4);
  print(a[0]);
  return 0;
}
