// error: 10:9 /instanceof/
interface Point {
  x: u32;
}
declare const Point: { new (): Point };

const p: Point = zeroed();

export function main(): i32 {
  print(p instanceof Point);
  return 0;
}
