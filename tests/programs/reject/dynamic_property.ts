// error: 10:9 /dynamic|property|index/i
interface Point {
  x: u32;
  y: u32;
}

const p: Point = zeroed();

export function main(): i32 {
  print(p["x"]);
  return 0;
}
