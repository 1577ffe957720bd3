// Module variables initialised from imported typed constants, modules whose
// file names are not C identifiers (my-util.ts, v2.0.ts), and enums with the
// same member names in two modules.
import { BASE, LIMIT, scaled, Mode as UtilMode, twice } from "./lib/my-util";
import { Mode, VERSION } from "./lib/v2.0";

let start: u32 = BASE * 2 + 1;
const size: u64 = 0x100000000n;

export function main(): i32 {
  print(start);
  print(size);
  print(LIMIT);
  print(scaled);
  print(twice(21));
  print(UtilMode.On);
  print(Mode.On);
  print(VERSION);
  start++;
  print(start);
  return 0;
}
