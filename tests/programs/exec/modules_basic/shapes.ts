export const enum Color {
  Red,
  Green,
  Blue,
}

export interface Point {
  x: i32;
  y: i32;
}

export type Binary = (a: u32, b: u32) => u32;

const origin: Point = zeroed();

export function makeOrigin(): Point {
  return origin;
}

export function manhattan(p: Point): u32 {
  let x: i32 = p.x < 0 ? -p.x : p.x;
  let y: i32 = p.y < 0 ? -p.y : p.y;
  return u32(x + y);
}
