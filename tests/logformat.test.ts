// The kernel's format strings checked against their calls, before anything
// runs: every log, log1..log8 and panic1..panic4 call under kernel/ passes a
// string literal whose conversions, counted exactly as kernel/format.ts
// counts them (%% takes no value, a 64-bit %l conversion two, the others
// one), take as many values as the call passes. At run time a mismatch only
// prints %!C(missing) in the damaged line (and bumps logBadFormats()); here it
// fails the test with the file and line. panic(reason) prints its reason as
// it is, not as a format, so it is not checked. Also: nothing imports the old
// console (kernel/console.ts), which is gone.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { ROOT } from "../tools/realmode.js";

const KERNEL = path.join(ROOT, "kernel");

/** The checked functions: how many values each takes and where its format is. */
const CHECKED = new Map<string, { values: number; format: number }>([
  ["log", { values: 0, format: 1 }],
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`log${n}`, { values: n, format: 1 }] as const),
  ...[1, 2, 3, 4].map((n) => [`panic${n}`, { values: n, format: 0 }] as const),
  // The user library's console writer (lib/console.ts) over the same formatter.
  ["print", { values: 0, format: 0 }],
  ...[1, 2, 3, 4].map((n) => [`print${n}`, { values: n, format: 0 }] as const),
]);

/** What kernel/format.ts's format() does with `fmt`: values taken, and the conversions it would mark as bad. */
export function conversions(fmt: string): { values: number; bad: string[] } {
  const f = fmt.split("\0")[0]!; // the C string ends at a NUL
  let values = 0;
  const bad: string[] = [];
  let i = 0;
  while (i < f.length) {
    if (f[i++] !== "%") continue;
    const start = i - 1;
    if (f[i] === "-") i++;
    if (f[i] === "0") i++;
    while (i < f.length && f[i]! >= "0" && f[i]! <= "9") i++;
    const wide = f[i] === "l";
    if (wide) i++;
    if (i >= f.length) {
      bad.push(`${f.slice(start)} (the string ends inside a conversion)`);
      break;
    }
    const conv = f[i++]!;
    if (conv === "%" && !wide) continue;
    const known = "udx".includes(conv) || (!wide && "sc".includes(conv));
    if (!known) bad.push(`${f.slice(start, i)} (unknown conversion)`);
    else values += wide ? 2 : 1;
  }
  return { values, bad };
}

/** The functions a file's imports from kernel/log.ts, kernel/panic.ts and lib/console.ts name, by their local names. */
function checkedNames(sf: ts.SourceFile): Map<string, string> {
  const names = new Map<string, string>([...CHECKED.keys()].map((n) => [n, n]));
  for (const s of sf.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier) || !/(^|\/)(log|panic|console)$/.test(s.moduleSpecifier.text)) continue;
    const bindings = s.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const e of bindings.elements) {
      const imported = (e.propertyName ?? e.name).text;
      if (CHECKED.has(imported) && imported !== e.name.text) names.set(e.name.text, imported);
    }
  }
  return names;
}

/**
 * A format that is not a literal is accepted only where a wrapper that is
 * itself checked forwards its own format parameter with the same number of
 * values (panic2's log2(LogLevel.Error, fmt, a, b)): its callers are checked.
 */
function forwardsOwnFormat(call: ts.CallExpression, arg: ts.Expression, values: number): boolean {
  if (!ts.isIdentifier(arg)) return false;
  let fn: ts.Node | undefined = call.parent;
  while (fn !== undefined && !ts.isFunctionDeclaration(fn)) fn = fn.parent;
  const wrapper = fn?.name !== undefined ? CHECKED.get(fn.name.text) : undefined;
  if (fn === undefined || wrapper === undefined || wrapper.values !== values) return false;
  const param = fn.parameters[wrapper.format];
  return param !== undefined && ts.isIdentifier(param.name) && param.name.text === arg.text;
}

/** The checked calls in one file's source, and every problem with them as `file:line:col: what`. */
export function checkSource(file: string, text: string): { calls: number; problems: string[] } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names = checkedNames(sf);
  const problems: string[] = [];
  let calls = 0;
  const where = (n: ts.Node) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
    return `${file}:${line + 1}:${character + 1}`;
  };
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && names.has(n.expression.text)) {
      const name = names.get(n.expression.text)!;
      calls++;
      const { values, format } = CHECKED.get(name)!;
      const arg = n.arguments[format];
      if (n.arguments.length !== format + 1 + values) {
        problems.push(`${where(n)}: ${name} takes ${format + 1 + values} arguments, this call passes ${n.arguments.length}`);
      } else if (arg !== undefined && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) {
        const c = conversions(arg.text);
        for (const b of c.bad) problems.push(`${where(arg)}: ${name}'s format ${JSON.stringify(arg.text)}: ${b}`);
        if (c.values !== values) {
          problems.push(`${where(arg)}: ${name} passes ${values} value(s), but its format ${JSON.stringify(arg.text)} takes ${c.values}`);
        }
      } else if (arg !== undefined && !forwardsOwnFormat(n, arg, values)) {
        problems.push(`${where(arg)}: ${name}'s format is not a string literal, so its conversions cannot be checked: ${arg.getText(sf)}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { calls, problems };
}

/** Imports or re-exports of kernel/console(.ts) in one file. */
export function consoleImports(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const consolePath = path.join(KERNEL, "console");
  const found: string[] = [];
  for (const s of sf.statements) {
    const spec = ts.isImportDeclaration(s) || ts.isExportDeclaration(s) ? s.moduleSpecifier : undefined;
    if (spec === undefined || !ts.isStringLiteral(spec)) continue;
    if (path.resolve(path.dirname(file), spec.text).replace(/\.ts$/, "") === consolePath) found.push(`${path.relative(ROOT, file)} imports ${spec.text}`);
  }
  return found;
}

function kernelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? kernelFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("the kernel's format strings", () => {
  it("count conversions as kernel/format.ts does", () => {
    assert.deepEqual(conversions("plain\n"), { values: 0, bad: [] });
    assert.deepEqual(conversions("100%% of %u at 0x%08x, %-10s%c\n"), { values: 4, bad: [] });
    assert.deepEqual(conversions("0x%016lx-%lu %ld"), { values: 6, bad: [] });
    assert.deepEqual(conversions("%q %ls %l%").bad.length, 3);
    assert.deepEqual(conversions("trailing %0").bad.length, 1);
  });

  it("a wrong call is found (the check can fail)", () => {
    const sample = [
      'import { log1 as say, log2, LogLevel } from "./log";',
      'import { panic, panic1 } from "./panic";',
      "export function f(x: u32, s: CStr): void {",
      '  log2(LogLevel.Info, "one %u\\n", x, x);', //            2 values, 1 conversion
      '  say(LogLevel.Info, "%lx\\n", x);', //                    renamed import; %lx takes 2
      "  log2(LogLevel.Info, s, x, x);", //                       not a literal
      '  panic1("bad %y", x);', //                                unknown conversion, 0 values
      '  log2(LogLevel.Info, "fine %u %u\\n", x, x);',
      '  panic1("fine %u%%", x);',
      "  panic(s);", //                                           panic's reason is not a format
      "}",
      "export function panic2(fmt: CStr, a: u32, b: u32): void { log2(LogLevel.Error, fmt, a, b); }", // a forwarding wrapper
      "export function panic3(fmt: CStr, a: u32, b: u32, c: u32): void { log2(LogLevel.Error, fmt, a, b); }", // forwards with 2 of 3
    ].join("\n");
    const { calls, problems } = checkSource("sample.ts", sample);
    assert.equal(calls, 8);
    const lines = problems.map((p) => Number(/^sample\.ts:(\d+):/.exec(p)?.[1]));
    assert.deepEqual([...new Set(lines)], [4, 5, 6, 7, 13], problems.join("\n"));
    assert.deepEqual(consoleImports(path.join(KERNEL, "mm", "x.ts"), 'import { putStr } from "../console";').length, 1);
    assert.deepEqual(consoleImports(path.join(KERNEL, "i686", "x.ts"), 'import { consoleDevicePut } from "./console";').length, 0);
  });

  it("every log, log1..log8, panic1..panic4 and print..print4 call in the kernel and the user programs passes as many values as its format takes", () => {
    const files = [KERNEL, path.join(ROOT, "lib"), path.join(ROOT, "procmgr")].flatMap(kernelFiles);
    assert.ok(files.length > 30, `found ${files.length} kernel files`);
    const results = files.map((f) => checkSource(path.relative(ROOT, f), readFileSync(f, "utf8")));
    const problems = results.flatMap((r) => r.problems);
    assert.deepEqual(problems, [], problems.join("\n"));
    // The check saw the calls (a parse that found none would pass too).
    const calls = results.reduce((sum, r) => sum + r.calls, 0);
    assert.ok(calls > 60, `only ${calls} calls were checked`);
    assert.ok(results.some((r, i) => files[i]!.includes(`${path.sep}procmgr${path.sep}`) && r.calls > 0), "the process manager's calls were checked");
  });

  it("kernel/console.ts is gone and nothing under kernel/ imports it", () => {
    assert.ok(!existsSync(path.join(KERNEL, "console.ts")), "kernel/console.ts exists");
    const found = kernelFiles(KERNEL).flatMap((f) => consoleImports(f, readFileSync(f, "utf8")));
    assert.deepEqual(found, [], found.join("\n"));
  });
});
