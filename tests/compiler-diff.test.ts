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
// `TSUKI_DIFF_SEED=<seed> TSUKI_DIFF_COUNT=1` reproduces it.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { formatValue, i16, i32, i64, i8, runModule, u16, u32, u64, u8 } from "./lib/node-prelude.js";
import { generateModule, programMarker } from "./lib/randprog.js";
import {
  compileProgram,
  describeError,
  expectedExit,
  firstDifference,
  listing,
  listPrograms,
  removeDir,
  runExecutable,
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

interface Outcome {
  stdout: string;
  status: number | null;
  detail: string;
}

async function compileAndRun(files: string[], root: string, dir: string): Promise<Outcome & { cDir: string }> {
  const out = path.join(dir, "a.out");
  const cDir = path.join(dir, "c");
  await compileProgram({ files, target: "host", out, root, cDir });
  const run = await runExecutable(out, 30_000);
  return {
    stdout: run.stdout,
    status: run.status,
    detail: `${run.signal ? `signal ${run.signal}\n` : ""}${run.stderr}`,
    cDir,
  };
}

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

/** Which program of a batch printed the line where two outputs first differ. */
function culprit(expected: string, actual: string, seeds: number[]): number {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let k = -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) break;
    const m = /^== prog (\d+) seed /.exec(a[i] ?? "");
    if (m) k = Number(m[1]);
  }
  return Math.max(0, Math.min(k, seeds.length - 1));
}

async function checkBatch(seeds: number[]): Promise<void> {
  const dir = scratchDir("diff-random");
  const file = path.join(dir, "random.ts");
  const source = generateModule(seeds);
  writeFileSync(file, source);
  const saveAlone = (k: number): string => {
    const seed = seeds[k]!;
    const alone = path.join(dir, `seed-${seed}.ts`);
    writeFileSync(alone, generateModule([seed]));
    return alone;
  };
  const where = `seeds ${seeds[0]}..${seeds[seeds.length - 1]}; batch module ${file}`;
  const node = runModule(file, new Map([[file, source]]));
  if (node.error) {
    const k = culprit(node.stdout + "\u0000", node.stdout, seeds);
    const alone = saveAlone(k);
    assert.fail(`a generated program fails under Node (a generator bug), program seed ${seeds[k]} saved as ${alone}:\n${node.error}\n${where}`);
  }
  let compiled;
  try {
    compiled = await compileAndRun([file], dir, dir);
  } catch (e) {
    assert.fail(`the generated module does not compile (${where}):\n${describeError(e)}`);
  }
  if (compiled.stdout !== node.stdout || compiled.status !== node.status) {
    const k = culprit(node.stdout, compiled.stdout, seeds);
    const alone = saveAlone(k);
    const marker = programMarker(k, seeds[k]!);
    assert.fail(
      [
        `random program with seed ${seeds[k]} (program ${k} of the batch) differs: ${firstDifference(node.stdout, compiled.stdout)}; exit ${compiled.status} vs Node ${node.status}`,
        `reproduce alone: TSUKI_DIFF_SEED=${seeds[k]} TSUKI_DIFF_COUNT=1 node --test dist/tests/compiler-diff.test.js`,
        `saved: ${alone}`,
        `${where}; generated C: ${compiled.cDir}`,
        `---- the program alone (in the batch it printed its lines after '${marker}'):`,
        generateModule([seeds[k]!]),
        compiled.detail ? `---- stderr:\n${compiled.detail}` : "",
      ].join("\n"),
    );
  }
  removeDir(dir);
}

describe("differential: random programs", { concurrency: 2 }, () => {
  for (let start = 0; start < COUNT; start += BATCH) {
    const seeds = Array.from({ length: Math.min(BATCH, COUNT - start) }, (_, i) => SEED + start + i);
    it(`seeds ${seeds[0]}..${seeds[seeds.length - 1]}`, () => checkBatch(seeds));
  }
});
