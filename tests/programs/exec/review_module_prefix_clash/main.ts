// Modules `a_b.ts` and `a/b.ts` (and `a-b.ts`) get the same C prefix, a_b:
// their exported functions and structs must not collide in C or at link time.
import { f as f1, S as S1 } from "./a_b";
import { f as f2, S as S2 } from "./a/b";

export function main(): i32 {
  const s1: S1 = { x: 1 };
  const s2: S2 = { y: 2, z: 3 };
  print(f1(s1));
  print(f2(s2));
  return 0;
}
