// Test programs on disk (tests/programs/{exec,reject,diff}) and the helpers
// that compile them for the host and run them.
//
// A program is either one file, NAME.ts, or a directory, NAME/, whose entry
// module is NAME/main.ts and whose other modules (in any subdirectory) are
// compiled with it. The expectations sit next to it:
//   NAME.out             expected stdout (exec programs)
//   `// exit: N`         on the entry module's first line: expected exit status
//                        (or a signal name, `// exit: SIGFPE`, that must end it)
//   `// error: L:C TEXT` on the first line (reject programs): the diagnostic
//                        TEXT is a case-insensitive substring, or /regex/flags
//   `// target: T`       on a following line: compile for target T (default host)
//   `// stderr: TEXT`    on a following line (exec programs): TEXT must appear in stderr

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileProgram, CompileError } from "../../compiler/index.js";

export { compileProgram, CompileError };

/** The repository root (tests are compiled to dist/tests/lib/). */
export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("repository root not found");
    dir = up;
  }
  return dir;
})();

export const programsDir = path.join(repoRoot, "tests", "programs");

export interface Program {
  name: string;
  /** The entry module (holds main and the expectation comments). */
  main: string;
  /** Every module, the entry first. */
  files: string[];
  /** The compile root (module names are relative to it). */
  root: string;
  /** Where NAME.out would be. */
  expectedPath: string;
}

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFilesUnder(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** The programs of one corpus directory (exec, reject, diff), sorted by name. */
export function listPrograms(kind: string): Program[] {
  const dir = path.join(programsDir, kind);
  const programs: Program[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      const root = path.join(dir, e.name);
      const main = path.join(root, "main.ts");
      if (!existsSync(main)) throw new Error(`${root}: a directory program needs main.ts`);
      const files = [main, ...tsFilesUnder(root).filter((f) => f !== main)];
      programs.push({ name: e.name, main, files, root, expectedPath: path.join(dir, e.name + ".out") });
    } else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) {
      const name = e.name.slice(0, -3);
      const main = path.join(dir, e.name);
      programs.push({ name, main, files: [main], root: dir, expectedPath: path.join(dir, name + ".out") });
    }
  }
  return programs.sort((a, b) => a.name.localeCompare(b.name));
}

/** The `// KEY: value` comments at the top of a module (before any code). */
export function headerComments(file: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^\/\/\s*(exit|error|target|stderr):\s*(.*?)\s*$/.exec(line);
    if (!m) break;
    result.set(m[1]!, m[2]!);
  }
  return result;
}

/** The expected exit status (`// exit: N`, default 0). */
export function expectedExit(p: Program): number {
  const v = expectedTermination(p);
  if (typeof v !== "number") throw new Error(`${p.main}: expected to die by ${v}, not to exit`);
  return v;
}

/** The expected exit status, or the signal name (`// exit: SIGFPE`) that must end the program. */
export function expectedTermination(p: Program): number | string {
  const v = headerComments(p.main).get("exit");
  if (v === undefined) return 0;
  if (/^SIG[A-Z]+$/.test(v)) return v;
  return Number(v);
}

export function programTarget(p: Program): "host" | "kernel" | "user" {
  const t = headerComments(p.main).get("target") ?? "host";
  if (t !== "host" && t !== "kernel" && t !== "user") throw new Error(`${p.main}: bad target ${t}`);
  return t;
}

/** A fresh scratch directory for one test run (kept when a test fails). */
export function scratchDir(tag: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `tsuki-${tag}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: string | null;
}

/** Runs a host executable. */
export function runExecutable(exe: string, timeoutMs = 10_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(exe, [], { timeout: timeoutMs, maxBuffer: 64 << 20, encoding: "utf8" }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string; signal?: string }) | null;
      let status: number | null = 0;
      let signal: string | null = null;
      if (e) {
        status = typeof e.code === "number" ? e.code : null;
        signal = e.signal ?? null;
        if (status === null && signal === null) stderr += `\n(exec failed: ${e.message})`;
      }
      resolve({ stdout, stderr, status, signal });
    });
  });
}

export interface CompiledProgram {
  exe: string;
  cDir: string;
  dir: string;
}

/** Compiles a program for the host into a scratch directory. */
export async function compileForHost(files: string[], root: string, tag: string): Promise<CompiledProgram> {
  const dir = scratchDir(tag);
  const exe = path.join(dir, "a.out");
  const cDir = path.join(dir, "c");
  await compileProgram({ files, target: "host", out: exe, root, cDir });
  return { exe, cDir, dir };
}

/** The diagnostics of a CompileError (or the error's text), for messages. */
export function describeError(e: unknown): string {
  if (e instanceof CompileError) return e.message;
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}

/** A short report of where two outputs first differ. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `first difference at output line ${i + 1}: expected ${JSON.stringify(a[i] ?? "<end>")}, got ${JSON.stringify(b[i] ?? "<end>")}`;
    }
  }
  return "outputs are equal";
}

/** The source of a program, every module with its path, numbered. */
export function listing(files: string[], sources?: Map<string, string>): string {
  return files
    .map((f) => {
      const text = sources?.get(f) ?? readFileSync(f, "utf8");
      const lines = text.split("\n").map((l, i) => `${String(i + 1).padStart(4)}  ${l}`);
      return `---- ${path.relative(repoRoot, f)}\n${lines.join("\n")}`;
    })
    .join("\n");
}

export function fileExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
