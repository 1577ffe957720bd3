// `npm run fuzz -- N [SEED]`: a long differential run. N random programs
// (tests/lib/randprog.ts), seeds SEED..SEED+N-1 (SEED defaults to a random
// one, printed first), run under Node and compiled for the host, in batches
// of 25 on every CPU. After a failing batch the programs after the culprit
// are run again, so every failing seed is found, not only the first of each
// batch. Each failing program is saved as build/fuzz/seed-N.ts; the exit
// status is 1 if any program failed.

import { copyFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { runRandomBatch } from "./diff-random.js";
import { removeDir, repoRoot } from "./programs.js";

const BATCH = 25;

interface Failure {
  seed: number;
  kind: string;
  saved: string;
}

function usage(): never {
  console.error("usage: npm run fuzz -- N [SEED]   (N programs, seeds SEED..SEED+N-1; SEED random by default)");
  process.exit(2);
}

function parseCount(text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) usage();
  return Number(text);
}

/** Runs seeds as batches until every one has been checked; returns the failures. */
async function checkSeeds(seeds: number[], failures: Failure[], save: string): Promise<void> {
  let rest = seeds;
  while (rest.length > 0) {
    const r = await runRandomBatch(rest);
    if (r.ok) return;
    if (r.kind === "compile" && rest.length > 1) {
      // Which program does not compile: each on its own.
      for (const s of rest) await checkSeeds([s], failures, save);
      return;
    }
    const saved = path.join(save, `seed-${r.seed}.ts`);
    copyFileSync(r.saved, saved);
    removeDir(r.dir);
    failures.push({ seed: r.seed, kind: r.kind, saved });
    console.log(`FAIL ${r.summary.replace(r.saved, saved)}`);
    rest = rest.slice(rest.indexOf(r.seed) + 1);
  }
}

async function main(argv: string[]): Promise<number> {
  const count = parseCount(argv[0], 10_000_000) ?? usage();
  const first = parseCount(argv[1], 2 ** 32 - count) ?? randomInt(1, 2 ** 31);
  if (argv.length > 2) usage();
  const save = path.join(repoRoot, "build", "fuzz");
  mkdirSync(save, { recursive: true });
  const workers = Math.max(1, os.availableParallelism?.() ?? 2);
  console.log(`fuzz: ${count} programs, seeds ${first}..${first + count - 1}, ${workers} at a time; failing programs go to ${path.relative(process.cwd(), save) || save}/`);

  const batches: number[][] = [];
  for (let start = 0; start < count; start += BATCH) {
    batches.push(Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => first + start + i));
  }
  const failures: Failure[] = [];
  const t0 = performance.now();
  let done = 0;
  let lastReport = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const seeds = batches[next++]!;
      await checkSeeds(seeds, failures, save);
      done += seeds.length;
      const now = performance.now();
      if (now - lastReport > 5000 || done === count) {
        lastReport = now;
        const sec = (now - t0) / 1000;
        const left = done < count ? `, about ${Math.ceil(((count - done) * sec) / done)} s left` : "";
        console.log(`fuzz: ${done}/${count} programs, ${failures.length} failing, ${sec.toFixed(0)} s${left}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, batches.length) }, worker));

  if (failures.length === 0) {
    console.log(`fuzz: all ${count} programs agree with Node (seeds ${first}..${first + count - 1})`);
    return 0;
  }
  failures.sort((a, b) => a.seed - b.seed);
  console.log(`fuzz: ${failures.length} of ${count} programs failed (seeds ${first}..${first + count - 1}):`);
  for (const f of failures) console.log(`  seed ${f.seed} (${f.kind}): ${f.saved}`);
  console.log("reproduce one, keeping the generated C: node dist/tests/lib/diff-one.js build/fuzz/seed-N.ts (or --seed N)");
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
