// error: 8:20 /spread/i
interface Point {
  x: u32;
  y: u32;
}

const a: Point = { x: 1, y: 2 };
const b: Point = { ...a };

export function main(): i32 {
  print(b.x);
  return 0;
}
