// Execution tests of `tsuki compile --target host`: every program in
// tests/programs/exec is compiled to a Linux i386 executable and run; its stdout
// must equal NAME.out and its exit status the `// exit: N` of its first line
// (0 when absent; `// exit: SIGFPE` when a signal must end it), and its stderr
// must contain the `// stderr: TEXT` of a following line when there is one.
// See tests/lib/programs.ts for the corpus layout.
//
// Struct layouts: programs print sizeOf/offsetOf values whose expected values
// in the .out files were worked out by hand from the i386 System V rules, while
// the generated C checks the compiler's offsets against gcc's with
// _Static_assert, so either side being wrong fails the test.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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
  headerComments,
  scratchDir,
  compileProgram,
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
  const stderr = headerComments(p.main).get("stderr");
  let compiled;
  try {
    compiled = await compileForHost(p.files, p.root, `exec-${p.name}`);
  } catch (e) {
    assert.fail(`${p.name}: compilation failed:\n${describeError(e)}\n\nprogram:\n${listing(p.files)}`);
  }
  const run = await runExecutable(compiled.exe);
  const problems: string[] = [];
  if (run.stdout !== expected) problems.push(`stdout differs: ${firstDifference(expected, run.stdout)}`);
  if (stderr !== undefined && !run.stderr.includes(stderr)) problems.push(`stderr does not contain ${JSON.stringify(stderr)}`);
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

/** The object files under a directory (recursively). */
function objects(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".o"))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

describe("data sections", () => {
  it("data_sections: tables in .rodata, initialised data in .data, zeroed in .bss with alignment and section", async () => {
    const p = programs.find((q) => q.name === "data_sections");
    assert.ok(p, "tests/programs/exec/data_sections.ts is missing");
    const dir = scratchDir("sections");
    const cDir = path.join(dir, "c");
    await compileProgram({ files: p.files, target: "host", out: path.join(dir, "a.out"), root: p.root, cDir });
    // The program's modules are one translation unit (compiler/gcc.ts): its object holds them all.
    const obj = objects(cDir).find((o) => path.basename(o) === "tsuki_unit.o");
    assert.ok(obj, `no tsuki_unit.o under ${cDir}`);
    // `objdump -t`: VALUE FLAGS SECTION SIZE NAME; `objdump -h`: IDX NAME SIZE VMA LMA OFF ALIGN
    const symbols = new Map<string, { section: string; value: number }>();
    for (const line of execFileSync("objdump", ["-t", obj], { encoding: "utf8" }).split("\n")) {
      const m = /^([0-9a-f]+)\s.*?\s(\S+)\s+[0-9a-f]+\s+(\S+)$/.exec(line);
      if (m) symbols.set(m[3]!, { section: m[2]!, value: parseInt(m[1]!, 16) });
    }
    const align = new Map<string, number>();
    for (const line of execFileSync("objdump", ["-h", obj], { encoding: "utf8" }).split("\n")) {
      const m = /^\s*\d+\s+(\S+)\s+[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+2\*\*(\d+)/.exec(line);
      if (m) align.set(m[1]!, 2 ** Number(m[2]));
    }
    const sym = (name: string) => {
      const hit = [...symbols].find(([n]) => n.endsWith(`__${name}`));
      assert.ok(hit, `no symbol for ${name} in ${obj}:\n${[...symbols.keys()].join("\n")}`);
      return hit[1];
    };
    const expect: [string, RegExp][] = [
      ["RO_TABLE", /^\.rodata/],
      ["RO_POINTS", /^\.rodata/],
      // a table of pointers needs relocations: .data.rel.ro when the host code is position-independent
      ["RO_NAMES", /^\.(rodata|data\.rel\.ro)/],
      ["rwCounter", /^\.data$|^\.data\.(?!rel\.ro)/],
      ["rwArray", /^\.data$|^\.data\.(?!rel\.ro)/],
      ["bssPages", /^\.bss/],
      ["bssSpecial", /^\.bss\.tsuki_special$/],
    ];
    for (const [name, re] of expect) assert.match(sym(name).section, re, `${name} is in ${sym(name).section}`);
    const pages = sym("bssPages");
    assert.ok((align.get(pages.section) ?? 0) >= 4096 && pages.value % 4096 === 0, `bssPages is not 4096-aligned in ${obj}`);
    assert.ok((align.get(".bss.tsuki_special") ?? 0) >= 64, ".bss.tsuki_special is not 64-aligned");
    removeDir(dir);
  });
});
