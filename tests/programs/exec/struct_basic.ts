// Struct references: zeroed storage, field reads and writes, passing a
// reference to a function that modifies the struct, returning a reference.
interface Point {
  x: i32;
  y: i32;
}

interface Rect {
  origin: Inline<Point>;
  w: u32;
  h: u32;
}

function move(p: Point, dx: i32, dy: i32): void {
  p.x += dx;
  p.y += dy;
}

function area(r: Rect): u32 {
  return r.w * r.h;
}

const shared: Point = zeroed();

function sharedPoint(): Point {
  return shared;
}

export function main(): i32 {
  const p: Point = zeroed();
  print(p.x);
  print(p.y);
  p.x = 10;
  p.y = -20;
  move(p, 5, 5);
  print(p.x);
  print(p.y);
  const q: Point = p; // another reference to the same storage
  q.x = 99;
  print(p.x);
  const r: Rect = zeroed();
  r.w = 3;
  r.h = 4;
  r.origin.x = 7;
  move(r.origin, 1, 1); // a reference to the inline struct
  print(r.origin.x);
  print(r.origin.y);
  print(area(r));
  sharedPoint().x = 5;
  print(shared.x);
  sharedPoint().y++;
  sharedPoint().y += 10;
  print(shared.y);
  return 0;
}
