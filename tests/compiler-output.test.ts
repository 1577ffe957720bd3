// Properties of the generated C itself: deterministic, and every statement
// carries a #line directive naming its TypeScript line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CompileError, compileProgram, compileToC } from "../compiler/index.js";

const files = ["tests/programs/exec/modules_basic/main.ts"];

test("the same program gives byte-identical C every time", () => {
  const a = compileToC({ files, target: "host" });
  const b = compileToC({ files, target: "host" });
  assert.ok(a.modules.length >= 2, "a multi-module program");
  assert.deepEqual(a, b);
});

test("#line directives point every statement at its .ts line", () => {
  const out = compileToC({ files, target: "host" });
  for (const m of out.modules) {
    const source = readFileSync(m.file, "utf8").split("\n");
    const directives = [...m.c.matchAll(/^#line (\d+) "([^"]+)"$/gm)];
    assert.ok(directives.length > 0, `${m.cPath} has #line directives`);
    for (const [, line, file] of directives) {
      assert.ok(m.file.endsWith(file), `${file} names the module's own source ${m.file}`);
      const text = source[Number(line) - 1];
      assert.ok(text !== undefined && text.trim() !== "", `line ${line} of ${file} is a statement or declaration, got ${JSON.stringify(text)}`);
    }
  }
});

test("a failed declaration is reported once, not again at each use", () => {
  try {
    compileToC({ files: ["tests/programs/reject/no_cascade_after_error.ts"], target: "host" });
    assert.fail("the program must not compile");
  } catch (e) {
    assert.ok(e instanceof CompileError, String(e));
    assert.equal(e.diagnostics.length, 1, e.message);
    assert.match(e.message, /5:17: error: the constant 300 does not fit u8/);
  }
});

test("loop conditions and steps keep their own lines in the debug line table", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-lines-"));
  const src = "tests/programs/exec/for_header_lines.ts";
  const out = path.join(dir, "a.out");
  await compileProgram({ files: [src], target: "host", out, cflags: ["-g"] });
  // Lines of the .ts file that own at least one instruction of spin().
  const table = execFileSync("objdump", ["--dwarf=decodedline", out], { encoding: "utf8" });
  const lines = new Set([...table.matchAll(/^for_header_lines\.ts\s+(\d+)\s+0x/gm)].map((m) => Number(m[1])));
  const text = readFileSync(src, "utf8").split("\n");
  const lineOf = (s: string) => text.findIndex((l) => l.includes(s)) + 1;
  for (const part of ["i < n;", "i++) {", "out = u32(out + i * 3);", "for (let j: u32 = 0; j < n; j++) {", "out = u32(out * 2 + j);", "} while (n > 0);"]) {
    assert.ok(lines.has(lineOf(part)), `line ${lineOf(part)} (${part}) has code; lines with code: ${[...lines].sort((a, b) => a - b).join(" ")}`);
  }
  const brace = lineOf("} // the loop's closing brace");
  assert.ok(!lines.has(brace), `no code on the closing brace (line ${brace}); lines with code: ${[...lines].sort((a, b) => a - b).join(" ")}`);
});

test("sequenced assignments to packed fields take no misaligned pointer (gcc's packed-member warning as an error)", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-packed-"));
  await compileProgram({
    files: ["tests/programs/exec/packed_sequenced_targets.ts"],
    target: "host",
    out: path.join(dir, "a.out"),
    cflags: ["-Werror=address-of-packed-member"],
  });
});

test("the modules are compiled as one unit, and `// tsuki: optimize for size` wraps its module alone in -Os pragmas", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-unit-"));
  const { writeFileSync } = await import("node:fs");
  writeFileSync(
    path.join(dir, "cold.ts"),
    "// Runs once.\n// tsuki: optimize for size\n\nimport { hot } from \"./hot\";\nexport function cold(n: u32): u32 {\n  return hot(n) + 1;\n}\n",
  );
  // The directive after the first statement is only a comment.
  writeFileSync(path.join(dir, "hot.ts"), "export function hot(n: u32): u32 {\n  return n * 3;\n}\n// tsuki: optimize for size\n");
  const c = compileToC({ files: [path.join(dir, "cold.ts")], target: "kernel", root: dir });
  assert.deepEqual(c.modules.map((m) => [path.basename(m.file), m.forSize]).sort(), [["cold.ts", true], ["hot.ts", false]]);
  const cDir = path.join(dir, "gen");
  const obj = path.join(dir, "out.o");
  await compileProgram({ files: [path.join(dir, "cold.ts")], target: "kernel", root: dir, out: obj, cDir });
  const unit = readFileSync(path.join(cDir, "tsuki_unit.c"), "utf8");
  const lines = unit.split("\n");
  const at = (s: string) => lines.findIndex((l) => l.includes(s));
  assert.ok(at("tsuki_program.h") > 0 && at("tsuki_program.h") < at("#include \"cold.c\""), `the header comes first, outside any pragma:\n${unit}`);
  assert.equal(lines[at("#include \"cold.c\"") - 1], '#pragma GCC optimize ("Os", "no-tree-loop-distribute-patterns")', unit);
  assert.equal(lines[at("#include \"cold.c\"") + 1], "#pragma GCC pop_options", unit);
  assert.ok(!lines[at("#include \"hot.c\"") - 1]!.startsWith("#pragma GCC optimize"), unit);
  const symbols = execFileSync("nm", [obj], { encoding: "utf8" });
  assert.match(symbols, / T cold__cold$/m);
  assert.match(symbols, / T hot__hot$/m);
});
