// A value and an interface that share a name (TypeScript keeps types and
// values apart): `Point` the struct and `Point` the constant.
interface Point {
  x: i32;
  y: i32;
}
const Point: u32 = 5;

export function main(): i32 {
  const p: Point = zeroed();
  p.x = -1;
  p.y = i32(Point);
  print(p.x + p.y);
  print(sizeOf<Point>());
  return 0;
}
