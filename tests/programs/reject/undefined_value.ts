// error: 7:16 /undefined/
interface Point {
  x: u32;
}

function f(p: Point | null): bool {
  return p === undefined;
}

export function main(): i32 {
  print(f(null));
  return 0;
}
