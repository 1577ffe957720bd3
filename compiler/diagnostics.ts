// Compile errors: always `file:line:col: error: message`, with a suggestion
// of what to write instead where the subset has one.
import ts from "typescript";
import path from "node:path";

export interface Diagnostic { file: string; line: number; col: number; message: string }

export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "CompileError";
  }
}

/** Thrown inside the compiler to abandon one statement or declaration. */
export class Fail extends Error {
  constructor(readonly node: ts.Node, message: string) { super(message); }
}

export function fail(node: ts.Node, message: string): never {
  throw new Fail(node, message);
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: error: ${d.message}`;
}

export function relPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

export function at(node: ts.Node, message: string): Diagnostic {
  const sf = node.getSourceFile();
  const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { file: relPath(sf.fileName), line: line + 1, col: character + 1, message };
}

/** Codes of tsc's operand and assignment type errors. */
const TS_TYPE_MISMATCH = new Set([2322, 2345, 2362, 2363, 2365]);

export function fromTs(d: ts.Diagnostic): Diagnostic {
  let message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  // u64 and i64 are bigints and the other integers numbers: TypeScript refuses
  // to mix them, and its message does not say what to write.
  if (TS_TYPE_MISMATCH.has(d.code) && /\bbigint\b|\b[ui]64\b/.test(message) && /\bnumber\b|\b[ui](8|16|32)\b|\busize\b/.test(message)) {
    message += "\n  u64 and i64 are bigints, the other integer types numbers: convert with u64(x) or i64(x) (or u32(x) the other way), or write a bigint literal such as 1n";
  }
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return { file: relPath(d.file.fileName), line: line + 1, col: character + 1, message: `TS${d.code}: ${message}` };
  }
  return { file: "<tsc>", line: 0, col: 0, message: `TS${d.code}: ${message}` };
}
