// error: 9:3 /for\s*\.{2,3}\s*in|for-in/i
interface Point {
  x: u32;
}

const p: Point = zeroed();

export function main(): i32 {
  for (const k in p) print(k);
  return 0;
}
