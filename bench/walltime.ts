// Wall-clock figures of `npm run bench` (docs/performance.md, "Wall
// times"): each is a command as a user types it, run in a fresh process,
// five times, reported as the median and the spread (max - min). They vary
// with the machine and its load, so no test asserts them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { generateBenchProgram } from "./compile-bench.js";
import { boot, type BootMode } from "../tools/qemu.js";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const RUNS = 5;

export interface WallTime {
  median: number;
  spread: number;
  runs: number[];
}

/** Runs `cmd args` in the project root; its wall time in seconds, or throws with its output if it fails. */
function timedRun(cmd: string, args: string[], before?: () => void): number {
  before?.();
  const start = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  return seconds;
}

function summarize(runs: number[]): WallTime {
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, spread: sorted[sorted.length - 1]! - sorted[0]!, runs };
}

function repeat(n: number, f: () => number): WallTime {
  return summarize(Array.from({ length: n }, f));
}

const fmt = (w: WallTime) => `median ${w.median.toFixed(2)} s over ${w.runs.length} runs, spread ${w.spread.toFixed(2)} s`;

function verdict(w: WallTime, target: number): string {
  return `(target <= ${target} s: ${w.median <= target ? "OK" : "MISSED"})`;
}

/**
 * `npm run build` from a tree with no build/ (the tools built, as npm ci
 * leaves them), then `npm run build` on an unchanged tree.
 */
export function buildTimes(figures: Record<string, number>): void {
  const clean = repeat(RUNS, () => timedRun("npm", ["run", "build", "--silent"], () => rmSync(path.join(ROOT, "build"), { recursive: true, force: true })));
  console.log(`walltime-bench: npm run build, no build/ yet: ${fmt(clean)} ${verdict(clean, 10)}`);
  const noop = repeat(RUNS, () => timedRun("npm", ["run", "build", "--silent"]));
  console.log(`walltime-bench: npm run build, nothing changed: ${fmt(noop)} ${verdict(noop, 2)}`);
  figures.build_clean_s = clean.median;
  figures.build_noop_s = noop.median;
}

/**
 * `tsuki compile` of a generated 20,000-line program to C, each run a new
 * Node process that loads the compiler and TypeScript itself.
 */
export function compileRate(figures: Record<string, number>): void {
  const p = generateBenchProgram();
  const out = mkdtempSync(path.join(os.tmpdir(), "tsuki-compile-bench-out-"));
  try {
    const args = [path.join(ROOT, "bin", "tsuki.js"), "compile", "--target", "kernel", "--root", p.dir, ...p.files, "-o", path.join(out, "bench.o"), "--emit-c", out, "--c-only"];
    const w = repeat(RUNS, () => timedRun(process.execPath, args));
    const rate = Math.round(p.lines / w.median);
    console.log(`walltime-bench: tsuki compile of ${p.lines} lines in a new process: ${fmt(w)}, ${rate} lines/s`);
    figures.compile_lines_per_s = rate;
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

/** `npm test` on a machine already set up, `runs` times (minutes each): only when asked (--test-time). */
export function testTime(figures: Record<string, number>, runs: number): void {
  const w = repeat(runs, () => timedRun("npm", ["test", "--silent"]));
  console.log(`walltime-bench: npm test on a set-up machine: ${fmt(w)}`);
  figures.test_s = w.median;
}

/**
 * The same image booted to power-off (the demo, 128 MB, the build's initrd)
 * under QEMU -kernel and under v86 in Node, five times each, through the one
 * harness: BootResult.seconds, from starting the emulator's process (QEMU, or
 * v86's child Node process, which loads v86 and SeaBIOS first) to the end.
 */
export async function bootWallTimes(figures: Record<string, number>, image: string, initrd: string): Promise<void> {
  for (const mode of ["qemu", "v86"] as BootMode[]) {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await boot({ image, boot: mode, memoryMB: 128, initrd, timeoutSec: 120 });
      if (r.outcome !== "poweroff") throw new Error(`boot under ${mode}: ${r.outcome}: ${r.message}\n${r.serial}`);
      runs.push(r.seconds);
    }
    const w = summarize(runs);
    console.log(`walltime-bench: boot to power-off under ${mode} (demo, 128 MB): ${fmt(w)}`);
    figures[`boot_${mode}_s`] = w.median;
    figures[`boot_${mode}_spread_s`] = w.spread;
  }
}
