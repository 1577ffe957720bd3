// The systems prelude implemented for Node.js, so that code of the integer
// subset runs unchanged under JavaScript: the differential tests compare a
// program with the same program compiled to i386 code
// (tests/compiler-diff.test.ts), and the image tools run the kernel's own
// pure check functions on an image (tools/kernelrules.ts), so that tools and
// kernel share one set of rules.
//
// Integer types of 8 to 32 bits are JavaScript numbers, 64-bit types are
// bigints (as in compiler/prelude/tsuki.d.ts). Each conversion function wraps
// its argument modulo 2^width like a C cast; a fractional number (the real
// quotient of `u32(a / b)`) is first truncated toward zero, as C's integer
// division does.
//
// loadModules() transpiles a module (and the relative modules it imports) with
// TypeScript's transpileModule and evaluates it in a node:vm context whose
// globals are this prelude; runModule() then calls its exported main() and
// returns what it printed and its exit status (the low 8 bits of main's
// result, as a process sees it). Memory intrinsics (ptr, ref, ...) do not
// exist here: code meant to run under Node takes and returns values, or
// structs as plain objects with the same field names.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import type ts from "typescript";

type Input = number | bigint | boolean;

function toBigInt(x: Input, name: string): bigint {
  if (typeof x === "bigint") return x;
  if (typeof x === "boolean") return x ? 1n : 0n;
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new TypeError(`${name}(${String(x)}): not a finite number (division by zero?)`);
  }
  return BigInt(Math.trunc(x));
}

/** Wraps modulo 2^bits, unsigned, as a number (bits <= 32). */
function wrapUnsigned(bits: number, name: string): (x: Input) => number {
  return (x: Input) => Number(BigInt.asUintN(bits, toBigInt(x, name)));
}

/** Wraps modulo 2^bits into the signed range, as a number (bits <= 32). */
function wrapSigned(bits: number, name: string): (x: Input) => number {
  return (x: Input) => Number(BigInt.asIntN(bits, toBigInt(x, name)));
}

export const u8 = wrapUnsigned(8, "u8");
export const u16 = wrapUnsigned(16, "u16");
export const u32 = wrapUnsigned(32, "u32");
export const usize = wrapUnsigned(32, "usize");
export const i8 = wrapSigned(8, "i8");
export const i16 = wrapSigned(16, "i16");
export const i32 = wrapSigned(32, "i32");
export const u64 = (x: Input): bigint => BigInt.asUintN(64, toBigInt(x, "u64"));
export const i64 = (x: Input): bigint => BigInt.asIntN(64, toBigInt(x, "i64"));

/** How print() formats a value: decimal integers (a bigint without its `n`),
 *  true/false, strings as they are. */
export function formatValue(v: unknown): string {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new TypeError(`print(${v}): not an integer`);
    return Object.is(v, -0) ? "0" : String(v);
  }
  if (typeof v === "bigint" || typeof v === "boolean" || typeof v === "string") return String(v);
  throw new TypeError(`print(${String(v)}): not an integer, bool or string`);
}

/** The prelude's global names for one run; output goes to `out`. */
export function preludeGlobals(out: string[]): Record<string, unknown> {
  return {
    u8, u16, u32, usize, i8, i16, i32, u64, i64,
    print: (v: unknown) => void out.push(formatValue(v) + "\n"),
    write: (s: unknown) => {
      if (typeof s !== "string") throw new TypeError("write() takes a string");
      out.push(s);
    },
  };
}

export interface NodeRun {
  stdout: string;
  /** main()'s result as a process exit status (0..255). */
  status: number;
  /** Set when the program threw (a test bug or a program outside the subset). */
  error?: string;
}

// Loading `typescript` takes most of a second: the tools that run kernel
// rules on every `tsuki inspect` load it only on a cache miss, and keep the
// JavaScript of each source (by content hash) in the user's temporary directory.
let typescript: typeof ts | undefined;
const CACHE = path.join(os.tmpdir(), `tsuki-subset-js-${process.getuid?.() ?? "user"}`);
const transpileOptions = (t: typeof ts): ts.CompilerOptions => ({
  target: t.ScriptTarget.ES2020,
  module: t.ModuleKind.CommonJS,
  // Keep `const enum` declarations so that `E.A` works without type information.
  preserveConstEnums: true,
  isolatedModules: true,
  esModuleInterop: false,
});

/** JavaScript for one TypeScript source, as a CommonJS module body. */
export function transpile(source: string, fileName: string): string {
  const key = createHash("sha256").update(fileName).update("\0").update(source).digest("hex");
  const cached = path.join(CACHE, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, "utf8");
  typescript ??= createRequire(import.meta.url)("typescript") as typeof ts;
  const js = typescript.transpileModule(source, { compilerOptions: transpileOptions(typescript), fileName, reportDiagnostics: false }).outputText;
  try {
    mkdirSync(CACHE, { recursive: true });
    const tmp = `${cached}.${process.pid}`;
    writeFileSync(tmp, js);
    renameSync(tmp, cached); // atomic: concurrent tools never read half a file
  } catch {
    // No cache: only slower.
  }
  return js;
}

export interface ModuleLoader {
  /** The exports of the module at `file` (an absolute .ts path), loaded once. */
  load(file: string): Record<string, unknown>;
  context: vm.Context;
}

/**
 * A loader for subset modules under Node. `sources` optionally supplies module
 * texts by absolute path (generated programs that are not on disk); other
 * modules are read from disk. Relative imports (`./other`, `./lib/util`)
 * resolve to `.ts` files.
 */
export function moduleLoader(sources: Map<string, string> = new Map(), timeoutMs = 10_000, out: string[] = []): ModuleLoader {
  const context = vm.createContext({ ...preludeGlobals(out) });
  const cache = new Map<string, Record<string, unknown>>();

  const load = (file: string): Record<string, unknown> => {
    const cached = cache.get(file);
    if (cached) return cached;
    const source = sources.get(file) ?? readFileSync(file, "utf8");
    const exports: Record<string, unknown> = {};
    cache.set(file, exports);
    const js = transpile(source, file);
    const fn = vm.runInContext(`(function (exports, require, module) {\n${js}\n})`, context, {
      filename: file,
      timeout: timeoutMs,
    }) as (e: object, r: (s: string) => unknown, m: object) => void;
    const require = (spec: string): unknown => {
      if (!spec.startsWith(".")) throw new Error(`${file}: cannot import '${spec}' under Node`);
      let target = path.resolve(path.dirname(file), spec);
      if (target.endsWith(".js")) target = target.slice(0, -3);
      if (!target.endsWith(".ts")) target += ".ts";
      if (!sources.has(target) && !existsSync(target)) throw new Error(`${file}: no module ${target}`);
      return load(target);
    };
    fn(exports, require, { exports });
    return exports;
  };
  return { load, context };
}

/**
 * Runs a subset program under Node: loads `entry` (the main module's path;
 * see moduleLoader for `sources`) and calls its exported main().
 */
export function runModule(entry: string, sources: Map<string, string> = new Map(), timeoutMs = 10_000): NodeRun {
  const out: string[] = [];
  const { load, context } = moduleLoader(sources, timeoutMs, out);

  try {
    const mod = load(path.resolve(entry));
    const main = mod["main"];
    if (typeof main !== "function") throw new Error(`${entry}: no exported main()`);
    // A vm timeout only covers code started by runInContext, so call main there too.
    (context as Record<string, unknown>)["__tsuki_main"] = main;
    const result = vm.runInContext("__tsuki_main()", context, { timeout: timeoutMs }) as unknown;
    if (typeof result !== "number" || !Number.isInteger(result)) {
      throw new Error(`main() returned ${String(result)}, not an i32`);
    }
    return { stdout: out.join(""), status: ((result % 256) + 256) % 256 };
  } catch (e) {
    const err = e as Error;
    return { stdout: out.join(""), status: -1, error: err.stack ?? String(err) };
  }
}
