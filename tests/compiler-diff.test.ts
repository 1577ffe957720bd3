// Differential tests: programs of the integer subset run both under Node
// (tests/lib/node-prelude.ts gives the prelude a JavaScript meaning) and
// compiled for the host; stdout and exit status must match.
//
//  * tests/programs/diff/*.ts (or NAME/main.ts): hand-written programs;
//  * random programs from tests/lib/randprog.ts, several per compiled module
//    (each in its own function with its own helpers and state).
//
// Environment: TSUKI_DIFF_SEED (first seed, default 1), TSUKI_DIFF_COUNT
// (number of random programs, default 500), TSUKI_DIFF_BATCH (programs per
// compiled module, default 25). Program k has seed SEED + k; a failure names
// the seed and saves the failing program on its own, so
// `TSUKI_DIFF_SEED=<seed> TSUKI_DIFF_COUNT=1` reproduces it. Long runs:
// `npm run fuzz -- N [SEED]` (tests/lib/fuzz.ts).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compileAndRun, runRandomBatch } from "./lib/diff-random.js";
import { formatValue, i16, i32, i64, i8, runModule, u16, u32, u64, u8 } from "./lib/node-prelude.js";
import { generateModule } from "./lib/randprog.js";
import {
  describeError,
  expectedExit,
  firstDifference,
  listing,
  listPrograms,
  removeDir,
  scratchDir,
  type Program,
} from "./lib/programs.js";

const SEED = Number(process.env["TSUKI_DIFF_SEED"] ?? 1);
const COUNT = Number(process.env["TSUKI_DIFF_COUNT"] ?? 500);
const BATCH = Math.max(1, Number(process.env["TSUKI_DIFF_BATCH"] ?? 25));

describe("node prelude", () => {
  it("wraps like C casts", () => {
    assert.equal(u8(256), 0);
    assert.equal(u8(-1), 255);
    assert.equal(i8(128), -128);
    assert.equal(u16(-1), 65535);
    assert.equal(i16(40000), -25536);
    assert.equal(u32(-1), 4294967295);
    assert.equal(i32(2 ** 31), -(2 ** 31));
    assert.equal(u32(2 ** 32 + 5), 5);
    assert.equal(u64(-1), 2n ** 64n - 1n);
    assert.equal(i64(2n ** 63n), -(2n ** 63n));
    assert.equal(u32(0xfedcba9876543210n), 0x76543210);
    assert.equal(i32(true), 1);
    assert.equal(u64(false), 0n);
  });
  it("truncates quotients toward zero", () => {
    assert.equal(u32(7 / 2), 3);
    assert.equal(i32(-7 / 2), -3);
    assert.equal(i32(7 / -2), -3);
    assert.equal(u8(-0.5), 0);
    assert.equal(Object.is(i32(-0.5), -0), false);
    assert.throws(() => u32(1 / 0));
  });
  it("prints integers, bools and strings", () => {
    assert.equal(formatValue(-0), "0");
    assert.equal(formatValue(2n ** 64n - 1n), "18446744073709551615");
    assert.equal(formatValue(true), "true");
    assert.equal(formatValue("x"), "x");
    assert.throws(() => formatValue(0.5));
  });
});

describe("random program generator", () => {
  it("is deterministic and gives distinct programs", () => {
    assert.equal(generateModule([7, 8]), generateModule([7, 8]));
    const bodies = new Set<string>();
    for (let s = 0; s < 50; s++) bodies.add(generateModule([s]).split("\n").slice(3).join("\n"));
    assert.equal(bodies.size, 50);
  });
});

async function checkHandWritten(p: Program): Promise<void> {
  const node = runModule(p.main);
  if (node.error) assert.fail(`${p.name}: failed under Node:\n${node.error}\nprogram:\n${listing(p.files)}`);
  assert.equal(node.status, expectedExit(p), `${p.name}: Node gives exit status ${node.status}, the program's header says ${expectedExit(p)}`);
  const dir = scratchDir(`diff-${p.name}`);
  let compiled;
  try {
    compiled = await compileAndRun(p.files, p.root, dir);
  } catch (e) {
    assert.fail(`${p.name}: compilation failed:\n${describeError(e)}\nprogram:\n${listing(p.files)}`);
  }
  if (compiled.stdout !== node.stdout || compiled.status !== node.status) {
    assert.fail(
      [
        `${p.name}: compiled program differs from Node: ${firstDifference(node.stdout, compiled.stdout)}; exit ${compiled.status} vs Node ${node.status}`,
        `generated C: ${compiled.cDir}`,
        `program:\n${listing(p.files)}`,
        `---- Node stdout:\n${node.stdout}`,
        `---- compiled stdout:\n${compiled.stdout}`,
        compiled.detail ? `---- stderr:\n${compiled.detail}` : "",
      ].join("\n"),
    );
  }
  removeDir(dir);
}

describe("differential: hand-written programs", { concurrency: 2 }, () => {
  const programs = listPrograms("diff");
  it("has programs", () => assert.ok(programs.length >= 10, `only ${programs.length}`));
  for (const p of programs) it(p.name, () => checkHandWritten(p));
});

async function checkBatch(seeds: number[]): Promise<void> {
  const r = await runRandomBatch(seeds);
  if (!r.ok) assert.fail(r.report);
}

describe("differential: random programs", { concurrency: 2 }, () => {
  for (let start = 0; start < COUNT; start += BATCH) {
    const seeds = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, i) => SEED + start + i);
    it(`seeds ${seeds[0]}..${seeds[seeds.length - 1]}`, () => checkBatch(seeds));
  }
});
