// One batch of random programs (tests/lib/randprog.ts) run under Node and
// compiled for the host, compared line by line. Used by the differential test
// (tests/compiler-diff.test.ts) and by `npm run fuzz` (tests/lib/fuzz.ts).
// A failure names the seed of the program that printed the first differing
// line and saves that program on its own, so that it can be run again with
// `node dist/tests/lib/diff-one.js FILE` (or `--seed N`).

import { writeFileSync } from "node:fs";
import path from "node:path";
import { runModule } from "./node-prelude.js";
import { generateModule, programMarker } from "./randprog.js";
import { compileProgram, describeError, firstDifference, removeDir, runExecutable, scratchDir } from "./programs.js";

export interface Outcome {
  stdout: string;
  status: number | null;
  /** The signal and stderr, for reports. */
  detail: string;
  cDir: string;
}

/** Compiles a program for the host in `dir` and runs it. */
export async function compileAndRun(files: string[], root: string, dir: string): Promise<Outcome> {
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

export type BatchResult =
  | { ok: true }
  | {
      ok: false;
      /** "node": the program fails under Node (a generator bug); "compile": the
       *  batch does not compile; "differs": compiled output differs from Node. */
      kind: "node" | "compile" | "differs";
      /** The seed of the program that failed (for "compile": the batch's first). */
      seed: number;
      /** That program alone, or the batch module for "compile" (both in dir). */
      saved: string;
      /** The scratch directory, kept: the programs, the generated C, the executable. */
      dir: string;
      /** One line: what went wrong. */
      summary: string;
      /** Everything needed to understand it. */
      report: string;
    };

/** Which program of a batch printed the line where two outputs first differ. */
function culprit(expected: string, actual: string, seeds: readonly number[]): number {
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

/** Runs the programs of `seeds` as one module; the scratch directory is removed unless something failed. */
export async function runRandomBatch(seeds: readonly number[]): Promise<BatchResult> {
  const dir = scratchDir("diff-random");
  const file = path.join(dir, "random.ts");
  const source = generateModule(seeds);
  writeFileSync(file, source);
  const saveAlone = (k: number): string => {
    const alone = path.join(dir, `seed-${seeds[k]}.ts`);
    writeFileSync(alone, generateModule([seeds[k]!]));
    return alone;
  };
  const where = `seeds ${seeds[0]}..${seeds[seeds.length - 1]}; batch module ${file}`;
  const node = runModule(file, new Map([[file, source]]));
  if (node.error) {
    const k = culprit(node.stdout + "\u0000", node.stdout, seeds);
    const saved = saveAlone(k);
    const summary = `seed ${seeds[k]}: fails under Node (a generator bug), saved as ${saved}`;
    return { ok: false, kind: "node", seed: seeds[k]!, saved, dir, summary, report: `${summary}:\n${node.error}\n${where}` };
  }
  let compiled: Outcome;
  try {
    compiled = await compileAndRun([file], dir, dir);
  } catch (e) {
    const summary = `seeds ${seeds[0]}..${seeds[seeds.length - 1]}: the generated module does not compile (${file})`;
    return { ok: false, kind: "compile", seed: seeds[0]!, saved: file, dir, summary, report: `${summary}:\n${describeError(e)}` };
  }
  if (compiled.stdout === node.stdout && compiled.status === node.status) {
    removeDir(dir);
    return { ok: true };
  }
  const k = culprit(node.stdout, compiled.stdout, seeds);
  const seed = seeds[k]!;
  const saved = saveAlone(k);
  const difference = `${firstDifference(node.stdout, compiled.stdout)}; exit ${compiled.status} vs Node ${node.status}`;
  const summary = `seed ${seed}: compiled program differs from Node (${difference}), saved as ${saved}`;
  const report = [
    `random program with seed ${seed} (program ${k} of the batch) differs: ${difference}`,
    `reproduce alone: node dist/tests/lib/diff-one.js ${saved}   (or --seed ${seed})`,
    `saved: ${saved}`,
    `${where}; generated C: ${compiled.cDir}`,
    `---- the program alone (in the batch it printed its lines after '${programMarker(k, seed)}'):`,
    generateModule([seed]),
    compiled.detail ? `---- stderr:\n${compiled.detail}` : "",
  ].join("\n");
  return { ok: false, kind: "differs", seed, saved, dir, summary, report };
}
