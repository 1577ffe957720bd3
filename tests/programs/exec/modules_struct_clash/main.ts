// Two modules declare structs, enums, constants and static functions of the
// same names with different layouts and values: C must keep them apart.
import { nodeSize as aSize, fill as aFill, LIMIT as A_LIMIT, kindOf as aKind } from "./a";
import { nodeSize as bSize, fill as bFill, LIMIT as B_LIMIT, kindOf as bKind } from "./b";

export function main(): i32 {
  print(aSize());
  print(bSize());
  print(aFill(7));
  print(bFill(7));
  print(A_LIMIT);
  print(B_LIMIT);
  print(aKind());
  print(bKind());
  return 0;
}
