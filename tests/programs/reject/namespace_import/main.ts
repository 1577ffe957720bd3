// error: 3:8 /namespace import|import \*/i
// A namespace import: the subset imports names (`import { f } from "./other"`).
import * as other from "./other";

export function main(): i32 {
  print(other.f());
  return 0;
}
