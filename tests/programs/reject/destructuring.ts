// error: 10:9 /destructur/i
interface Point {
  x: u32;
  y: u32;
}

const p: Point = zeroed();

export function main(): i32 {
  const { x, y } = p;
  print(x + y);
  return 0;
}
