// Modules in subdirectories, `..` imports, renamed imports of equal names,
// structs and function references shared between modules, module-level state
// initialised in another module.
import { init as initUtil, describe, Op, apply } from "./lib/util";
import { init as initBits, popcount, Kind } from "./lib/deep/bits";
import type { Pair } from "./lib/types";
import { table, total } from "./lib/types";

function double(x: u32): u32 {
  return x * 2;
}

export function main(): i32 {
  print(initUtil());
  print(initBits());
  print(describe(Kind.Large));
  print(describe(Kind.Small));
  print(popcount(0xf0f0));
  const op: Op = double;
  print(apply(op, 21));
  const p: Pair = table;
  print(p.first);
  print(p.second);
  p.second = 100;
  print(total());
  return 0;
}
