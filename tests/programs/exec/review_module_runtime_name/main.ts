// A module whose file name matches an object the build makes for itself
// (tsuki_host_runtime.ts → tsuki_host_runtime.o, the host runtime's object
// in the same C directory): both units must still be compiled and linked.
import { answer } from "./tsuki_host_runtime";

export function main(): i32 {
  print(answer());
  return 0;
}
