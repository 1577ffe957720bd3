// Several modules under Node (CommonJS emulation) and compiled: imported
// functions, constants, tables, enums and module state.
import { checksum, SEED } from "./hash";
import { Mode, run } from "./machine";
import { ticks, tick } from "./state";

export function main(): i32 {
  print(checksum(SEED));
  print(run(Mode.Fast, 10));
  print(run(Mode.Slow, 10));
  tick();
  tick();
  print(ticks);
  return 0;
}
