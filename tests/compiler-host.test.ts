// The host target's recorded machine (docs/subset.md, "Testing code near the
// hardware"): the compiler and runtime/tsuki.h must agree on which
// instructions are recorded, or a new privileged intrinsic would compile for
// the host and fail to link (its stub missing from runtime/machine.c).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { RECORDED } from "../compiler/intrinsics.js";
import { RUNTIME_DIR } from "../compiler/program.js";

test("the privileged intrinsics are exactly the instructions of TSK_MACHINE_OPS, each with a stub in machine.c", () => {
  const header = readFileSync(path.join(RUNTIME_DIR, "tsuki.h"), "utf8");
  const list = /#define TSK_MACHINE_OPS\(X\)((?:[^\n]*\\\n)*[^\n]*)/.exec(header);
  assert.ok(list, "TSK_MACHINE_OPS is in runtime/tsuki.h");
  const ops = [...list[1]!.matchAll(/X\((\w+)\)/g)].map((m) => m[1]!);
  assert.deepEqual([...ops].sort(), [...RECORDED].sort());
  const machine = readFileSync(path.join(RUNTIME_DIR, "machine.c"), "utf8");
  for (const op of ops) assert.match(machine, new RegExp(`record\\(TSK_OP_${op},`), `machine.c records ${op}`);
});
