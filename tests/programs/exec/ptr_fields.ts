// Ptr<T> as a struct field and over struct elements: p[i] of a Ptr<S> is a
// reference to the i-th struct.
interface Point {
  x: i32;
  y: i32;
}

interface View {
  words: Ptr<u32>;
  points: Ptr<Point>;
  count: u32;
}

const storage: Arr<u32, 8> = [1, 2, 3, 4, 5, 6, 7, 8];
const view: View = zeroed();

export function main(): i32 {
  view.words = ptr<u32>(addr(storage));
  view.points = ptr<Point>(addr(storage));
  view.count = 4;
  print(view.words[7]);
  view.words[0] = 100;
  print(storage[0]);
  for (let i: u32 = 0; i < view.count; i++) {
    const p: Point = view.points[i];
    p.x = p.x + p.y;
  }
  print(storage[0]);
  print(storage[6]);
  print(view.points[2].x);
  print(view.points[3].y);
  print(addr(view.points[1]) - addr(storage));
  return 0;
}
