// The compiler's entry points: systems TypeScript -> C (compileToC) and
// -> an i386 object or host executable through gcc (compileProgram).
import ts from "typescript";
import path from "node:path";
import { Ctx, Target } from "./context.js";
import { CompileError, fail, fromTs } from "./diagnostics.js";
import { ExprCompiler } from "./expr.js";
import { compileModule, moduleScope, programHeader } from "./module.js";
import { PRELUDE, createProgram } from "./program.js";
import { buildC } from "./gcc.js";

export { CompileError } from "./diagnostics.js";
export type { Diagnostic } from "./diagnostics.js";
export type { Target } from "./context.js";

/** One module's C; `forSize` when its source asks to be optimised for size (OPTIMIZE_FOR_SIZE). */
export interface CModule { file: string; cPath: string; c: string; forSize: boolean }

/**
 * The module directive that compiles a module's functions for size (gcc's
 * -Os) instead of speed: a line of its own among the comments before the
 * module's first statement. For code that runs once or only in tests
 * (docs/subset.md, "Module directives").
 */
export const OPTIMIZE_FOR_SIZE = "// tsuki: optimize for size";

function asksForSize(sf: ts.SourceFile): boolean {
  const first = sf.statements[0];
  const head = sf.text.slice(0, first === undefined ? sf.text.length : first.getStart(sf));
  return head.split("\n").some((line) => line.trim() === OPTIMIZE_FOR_SIZE);
}
export interface COutput {
  modules: CModule[];
  /** The program header every module includes. */
  header: { cPath: string; c: string };
  /** C name of the host program's main, when the target is host. */
  main?: string;
}

export interface CompileOptions {
  files: string[];
  target: Target;
  /** Module names are relative to root (default: the current directory). */
  root?: string;
}

export const HEADER_NAME = "tsuki_program.h";

/** Compiles the files and every module they import to C. Throws CompileError. */
export function compileToC(opts: CompileOptions): COutput {
  if (opts.files.length === 0) throw new CompileError([{ file: "<command line>", line: 0, col: 0, message: "no input files" }]);
  const root = path.resolve(opts.root ?? process.cwd());
  const program = createProgram(opts.files);
  const tsDiags = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (tsDiags.length > 0) throw new CompileError(tsDiags.map(fromTs));

  const ctx = new Ctx(program, opts.target, root, PRELUDE);
  ctx.evalConst = (e, want) => {
    const v = new ExprCompiler(moduleScope(ctx, ctx.moduleOf(e))).expr(e, want ?? undefined);
    if (v.value === undefined) fail(e, "this must be a compile-time constant");
    return { value: v.value, type: v.t };
  };
  const sources = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile);
  for (const sf of sources) ctx.addModule(sf);
  const outputs = sources.map((sf) => compileModule(ctx, ctx.modules.get(sf)!, HEADER_NAME));

  ctx.diagnostics.push(...ctx.escapes.check());
  let main: string | undefined;
  if (opts.target === "host") main = findMain(ctx);
  if (ctx.diagnostics.length > 0) {
    const seen = new Set<string>();
    const unique = ctx.diagnostics.filter((d) => {
      const key = `${d.file}:${d.line}:${d.col}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    unique.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
    throw new CompileError(unique);
  }
  const header = programHeader(ctx, outputs.flatMap((o) => o.exports), "TSUKI_PROGRAM_H");
  return {
    modules: outputs.map((o) => ({ file: o.mod.sf.fileName, cPath: o.mod.cPath, c: o.c, forSize: asksForSize(o.mod.sf) })),
    header: { cPath: HEADER_NAME, c: header },
    main,
  };
}

function findMain(ctx: Ctx): string | undefined {
  const mains: string[] = [];
  for (const [, b] of ctx.bindings) {
    if (b.k === "func" && b.decl.name?.text === "main" && b.decl.body &&
      (ts.getModifiers(b.decl) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (b.type.params.length !== 0 || b.type.ret.k !== "int" || b.type.ret.name !== "i32") {
        ctx.error(b.decl, "the host program's entry point is `export function main(): i32`");
      }
      mains.push(b.cname);
    }
  }
  if (mains.length === 0) {
    ctx.diagnostics.push({ file: "<program>", line: 0, col: 0, message: "a host program needs `export function main(): i32` in one module" });
    return undefined;
  }
  if (mains.length > 1) {
    ctx.diagnostics.push({ file: "<program>", line: 0, col: 0, message: `more than one module exports main: ${mains.join(", ")}` });
  }
  return mains[0];
}

export interface BuildOptions extends CompileOptions {
  /** The object (kernel/user) or executable (host) to write. */
  out: string;
  /** Where the C files go (default: OUT.gen/). */
  cDir?: string;
  /** Extra gcc flags (e.g. -Os for setup code that must stay small). */
  cflags?: string[];
}

/** Compiles to C, then with gcc to an i386 relocatable object or host executable. */
export async function compileProgram(opts: BuildOptions): Promise<void> {
  const out = compileToC(opts);
  await buildC(out, opts);
}
