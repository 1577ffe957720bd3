// Properties of the generated C itself: deterministic, and every statement
// carries a #line directive naming its TypeScript line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { CompileError, compileToC } from "../compiler/index.js";

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
