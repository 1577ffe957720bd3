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
