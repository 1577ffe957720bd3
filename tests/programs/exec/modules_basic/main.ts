// A program of several modules: imported functions, constants, variables,
// interfaces, type aliases and enums; each module has a static helper with
// the same name, which must not clash in C.
import { add, mulAdd, helperResult } from "./math";
import { PAGE_SIZE, PAGE_SHIFT, GREETING, LIMITS } from "./consts";
import { counter, bump, resetTo } from "./counter";
import { Color, Point, makeOrigin, manhattan, Binary } from "./shapes";

function helper(): u32 {
  return 1;
}

export function main(): i32 {
  print(add(2, 3));
  print(mulAdd(4, 5, 6));
  print(helper());
  print(helperResult());
  print(PAGE_SIZE);
  print(PAGE_SHIFT);
  print(GREETING);
  print(LIMITS[2]);
  print(LIMITS.length);
  print(counter);
  bump();
  bump();
  print(counter);
  resetTo(40);
  print(counter);
  let c: Color = Color.Blue;
  print(c);
  print(c === Color.Blue);
  const p: Point = makeOrigin();
  p.x = -3;
  p.y = 4;
  print(manhattan(p));
  const op: Binary = add;
  print(op(20, 22));
  return 0;
}
