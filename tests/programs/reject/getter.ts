// error: 6:20 /getter|accessor|method/i
interface Point {
  x: u32;
}

const p: Point = { get x(): u32 { return 1; } };

export function main(): i32 {
  print(p.x);
  return 0;
}
