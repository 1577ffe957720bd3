// Execution tests of `tsuki compile --target host`: every program in
// tests/programs/exec is compiled to a Linux i386 executable and run; its stdout
// must equal NAME.out and its exit status the `// exit: N` of its first line
// (0 when absent). See tests/lib/programs.ts for the corpus layout.
//
// Struct layouts: programs print sizeOf/offsetOf values whose expected values
// in the .out files were worked out by hand from the i386 System V rules, while
// the generated C checks the compiler's offsets against gcc's with
// _Static_assert, so either side being wrong fails the test.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import {
  compileForHost,
  describeError,
  expectedTermination,
  firstDifference,
  listing,
  listPrograms,
  programsDir,
  removeDir,
  runExecutable,
  fileExists,
  type Program,
} from "./lib/programs.js";

const programs = listPrograms("exec");

describe("exec corpus", () => {
  it("has at least 60 programs, each with an expected output", () => {
    assert.ok(programs.length >= 60, `only ${programs.length} exec programs`);
    const missing = programs.filter((p) => !fileExists(p.expectedPath)).map((p) => p.name);
    assert.deepEqual(missing, [], "programs without a .out file");
  });

  it("type-checks with tsc against the prelude (tests/programs/tsconfig.json)", () => {
    const configPath = path.join(programsDir, "tsconfig.json");
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    });
    assert.ok(parsed, "tsconfig.json not readable");
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
    const diags = ts.getPreEmitDiagnostics(program);
    const text = ts.formatDiagnostics(diags, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => programsDir,
      getNewLine: () => "\n",
    });
    assert.equal(diags.length, 0, `tsc errors in the test programs:\n${text}`);
  });
});

async function check(p: Program): Promise<void> {
  const expected = readFileSync(p.expectedPath, "utf8");
  const exit = expectedTermination(p);
  let compiled;
  try {
    compiled = await compileForHost(p.files, p.root, `exec-${p.name}`);
  } catch (e) {
    assert.fail(`${p.name}: compilation failed:\n${describeError(e)}\n\nprogram:\n${listing(p.files)}`);
  }
  const run = await runExecutable(compiled.exe);
  const problems: string[] = [];
  if (run.stdout !== expected) problems.push(`stdout differs: ${firstDifference(expected, run.stdout)}`);
  const ended = run.signal ?? run.status;
  if (ended !== exit) {
    problems.push(`ended with ${run.signal ? `signal ${run.signal}` : `exit status ${run.status ?? "none"}`}, expected ${typeof exit === "number" ? `exit status ${exit}` : `signal ${exit}`}`);
  }
  if (problems.length > 0) {
    assert.fail(
      [
        `${p.name}: ${problems.join("; ")}`,
        `generated C: ${compiled.cDir}  executable: ${compiled.exe}`,
        `program:\n${listing(p.files)}`,
        `---- expected stdout (${p.expectedPath}):\n${expected}`,
        `---- actual stdout:\n${run.stdout}`,
        run.stderr ? `---- stderr:\n${run.stderr}` : "",
      ].join("\n"),
    );
  }
  removeDir(compiled.dir);
}

describe("exec programs", { concurrency: 2 }, () => {
  for (const p of programs) {
    it(p.name, () => check(p));
  }
});
