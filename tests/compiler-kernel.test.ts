// Kernel-target code generation: what gcc makes of the generated C for
// freestanding code, checked in the object's disassembly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileProgram } from "../compiler/index.js";

test("a load through address 0 stays a load: no ud2 (-fno-delete-null-pointer-checks)", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kernel-"));
  const out = path.join(dir, "null.o");
  await compileProgram({ files: ["tests/programs/kernel/null-address-load.ts"], target: "kernel", out });
  const dis = execFileSync("objdump", ["-d", out], { encoding: "utf8" });
  for (const fn of ["readZero", "timerVector"]) {
    const body = dis.split(`<tests_programs_kernel_null_address_load__${fn}>:`)[1]?.split("\n\n")[0];
    assert.ok(body, `${fn} is in the object:\n${dis}`);
    assert.doesNotMatch(body, /ud2/, `${fn} must not trap:\n${body}`);
    assert.match(body, /ret/, `${fn} returns:\n${body}`);
  }
});

test("the host target needs an exported main(): i32", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kernel-"));
  await assert.rejects(
    compileProgram({ files: ["tests/programs/kernel/null-address-load.ts"], target: "host", out: path.join(dir, "x") }),
    /host program needs `export function main\(\): i32`/,
  );
});
