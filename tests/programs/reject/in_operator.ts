// error: 9:9 /`in`|'in'|\bin\b operator|operator \bin\b/i
interface Point {
  x: u32;
}

const p: Point = zeroed();

export function main(): i32 {
  print("x" in p);
  return 0;
}
