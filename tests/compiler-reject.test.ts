// The rejection corpus: every program in tests/programs/reject is outside the
// subset (or is not valid TypeScript) and must fail to compile with a
// diagnostic at the `// error: LINE:COL TEXT` of its first line, whose message
// contains TEXT (case-insensitive) or matches /TEXT/flags, and no output file
// may be written. A `// target: T` line selects the target (default host).
// The CLI is checked on a few of them for the `FILE:LINE:COL: error: MESSAGE`
// format on stderr and exit status 1.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import {
  CompileError,
  compileProgram,
  fileExists,
  headerComments,
  listing,
  listPrograms,
  programTarget,
  removeDir,
  repoRoot,
  scratchDir,
  type Program,
} from "./lib/programs.js";

interface Expectation {
  line: number;
  col: number;
  text: string;
  matches(message: string): boolean;
}

function expectation(p: Program): Expectation {
  const spec = headerComments(p.main).get("error");
  if (spec === undefined) throw new Error(`${p.main}: no '// error: LINE:COL TEXT' first line`);
  const m = /^(\d+):(\d+)\s+(.+)$/.exec(spec);
  if (!m) throw new Error(`${p.main}: malformed error spec '${spec}'`);
  const text = m[3]!;
  const re = /^\/(.*)\/([a-z]*)$/.exec(text);
  const matches = re
    ? (msg: string) => new RegExp(re[1]!, re[2]).test(msg)
    : (msg: string) => msg.toLowerCase().includes(text.toLowerCase());
  return { line: Number(m[1]), col: Number(m[2]), text, matches };
}

const programs = listPrograms("reject");

describe("reject corpus", () => {
  it("has at least 30 programs, each with an expected error", () => {
    assert.ok(programs.length >= 30, `only ${programs.length} reject programs`);
    for (const p of programs) expectation(p);
  });
});

async function check(p: Program): Promise<void> {
  const want = expectation(p);
  const dir = scratchDir(`reject-${p.name}`);
  const out = path.join(dir, "a.out");
  let error: unknown = undefined;
  try {
    await compileProgram({ files: p.files, target: programTarget(p), out, root: p.root, cDir: path.join(dir, "c") });
  } catch (e) {
    error = e;
  }
  const context = `program:\n${listing(p.files)}\nscratch directory: ${dir}`;
  if (error === undefined) assert.fail(`${p.name}: compiled, but should fail with ${want.line}:${want.col} ${want.text}\n${context}`);
  if (!(error instanceof CompileError)) {
    assert.fail(`${p.name}: threw ${(error as Error)?.stack ?? String(error)} instead of a CompileError\n${context}`);
  }
  const diags = error.diagnostics;
  const here = diags.filter((d) => path.resolve(repoRoot, d.file) === path.resolve(p.main) || path.resolve(d.file) === path.resolve(p.main));
  const hit = here.find((d) => d.line === want.line && d.col === want.col && want.matches(d.message));
  if (!hit) {
    assert.fail(
      `${p.name}: expected an error at ${want.line}:${want.col} matching ${want.text}; got:\n` +
        (diags.length ? diags.map((d) => `  ${d.file}:${d.line}:${d.col}: ${d.message}`).join("\n") : "  (no diagnostics)") +
        `\n${context}`,
    );
  }
  for (const d of diags) {
    assert.ok(d.line >= 1 && d.col >= 1 || d.file.startsWith("<"), `diagnostic without a position: ${JSON.stringify(d)}`);
  }
  assert.ok(!fileExists(out), `${p.name}: an output file was written although compilation failed: ${out}`);
  assert.match(error.message, /:\d+:\d+: error: /, "CompileError.message is not in FILE:LINE:COL: error: form");
  removeDir(dir);
}

describe("reject programs", { concurrency: 2 }, () => {
  for (const p of programs) it(p.name, () => check(p));
});

function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "bin", "tsuki.js"), ...args], { cwd: repoRoot });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("tsuki compile CLI errors", () => {
  for (const name of ["bare_division", "ts_type_error"]) {
    it(`${name}: FILE:LINE:COL: error: MESSAGE on stderr, exit status 1, no output`, async () => {
      const p = programs.find((q) => q.name === name);
      assert.ok(p, `no reject program ${name}`);
      const want = expectation(p);
      const dir = scratchDir(`reject-cli-${name}`);
      const out = path.join(dir, "a.out");
      const r = await runCli(["compile", "--target", "host", path.relative(repoRoot, p.main), "-o", out]);
      assert.equal(r.status, 1, `exit status ${r.status}; stderr:\n${r.stderr}`);
      const rel = path.relative(repoRoot, p.main);
      const line = r.stderr.split("\n").find((l) => l.startsWith(`${rel}:${want.line}:${want.col}: error: `));
      assert.ok(line, `no '${rel}:${want.line}:${want.col}: error: ...' line in stderr:\n${r.stderr}`);
      assert.ok(want.matches(line.slice(line.indexOf(": error: ") + 9)), `message does not match ${want.text}: ${line}`);
      assert.ok(!fileExists(out), "an output file was written");
      removeDir(dir);
    });
  }
});
