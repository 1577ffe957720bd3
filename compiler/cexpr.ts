// The record every compiled expression is (Val), where it is compiled (Scope),
// and the helpers that spell C: parentheses, string literals, statement
// expressions.
import ts from "typescript";
import type { Binding, Ctx, Module } from "./context.js";
import type { Origin } from "./origins.js";
import type { Type } from "./types.js";

export interface Val {
  /** C expression, parenthesised unless it is a primary expression. */
  c: string;
  /** Value type (never a struct: structs are seen through references). */
  t: Type;
  /** Storage type when the expression is an lvalue. */
  lv?: { storage: Type; mutable: boolean };
  /** Compile-time value, when known (integers, bools, enum members). */
  value?: bigint;
  /** The compile-time value is also what JavaScript computes for the
   *  expression (no step wrapped where JavaScript would not): only then may
   *  a typed constant convert to any type that holds it. */
  exact?: boolean;
  /** A link-time constant (address of static data, a function, a string). */
  linkConst?: boolean;
  /** For a reference made by `&X`: X, so that field access can write `X.f`. */
  addrOf?: string;
  /** Evaluating it has no side effects (it may be evaluated twice). */
  pure: boolean;
  /** An lvalue whose address is a link-time constant (module data, extern). */
  staticAddr?: boolean;
  /** The expression it came from, for errors about this operand. */
  node?: ts.Node;
  /** Stack storage, parameters or local variables a reference value may point into (escape.ts). */
  origins?: Origin[];
  /** For an lvalue inside a struct or array: what that storage may be (escape.ts MODULE: module data, UNKNOWN: memory the check cannot follow). */
  container?: Origin[];
  /** For an lvalue that is a local variable or parameter: that variable. */
  local?: Origin;
  /** It lies in packed storage, so its address may be misaligned. */
  packed?: boolean;
  /** `c ? K1 : K2` of two untyped constants: like an untyped constant, it
   *  takes the type its use needs when both values fit (operators.ts). */
  alts?: { cond: string; a: Val; b: Val };
}

/** Where an expression is being compiled: the module and the function's locals. */
export interface Scope {
  ctx: Ctx;
  mod: Module;
  /** Binding lookup for local declarations (parameters, let/const). */
  local(decl: ts.Node): Binding | undefined;
  /** Resolves a module-level declaration's binding (installed by module.ts). */
  global(decl: ts.Declaration, use: ts.Node): Binding;
}

const primary = /^([A-Za-z_][A-Za-z0-9_]*((\.|->)[A-Za-z_][A-Za-z0-9_]*|\[[^[\]]*\])*|[0-9][0-9A-Za-zx]*|\(.*\)|"([^"\\]|\\.)*")$/s;
export function paren(c: string): string { return primary.test(c) && balanced(c) ? c : `(${c})`; }
function balanced(c: string): boolean {
  if (!c.startsWith("(")) return true;
  let depth = 0;
  for (let i = 0; i < c.length; i++) {
    if (c[i] === "(") depth++;
    else if (c[i] === ")") { depth--; if (depth === 0 && i < c.length - 1) return false; }
  }
  return true;
}

export function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

export function cString(text: string): string {
  let out = '"';
  for (const ch of Buffer.from(text, "utf8")) {
    if (ch === 0x22) out += '\\"';
    else if (ch === 0x5c) out += "\\\\";
    else if (ch === 0x0a) out += "\\n";
    else if (ch === 0x09) out += "\\t";
    else if (ch === 0x0d) out += "\\r";
    else if (ch === 0x3f && out.endsWith("?")) out += "\\?"; // no trigraphs (??= is # in ISO C)
    else if (ch >= 0x20 && ch < 0x7f) out += String.fromCharCode(ch);
    else out += `\\${ch.toString(8).padStart(3, "0")}`;
  }
  return `${out}"`;
}

/** Constants need no temporary: nothing another operand does can change
 *  them (compile-time values, link-time addresses, storage of this frame). An
 *  array reached through a variable or a call is not one: `get().arr[i()]`. */
export function isConstant(v: Val): boolean {
  if (!v.pure) return false;
  return v.value !== undefined || v.linkConst === true || v.t.k === "untyped" || v.t.k === "null";
}

/** Whether every side effect of C expression c is complete once its value is:
 *  a call (its arguments and body are sequenced before it returns) or a
 *  statement expression. A raw `x++` or `y = v` inside c is not. */
export function completesEffects(c: string): boolean {
  if (c.startsWith("({")) return true;
  const m = /^\(?[A-Za-z_][A-Za-z0-9_]*\)?\(/.exec(c);
  if (!m || !c.endsWith(")")) return false;
  let depth = 0;
  for (let i = m[0].length - 1; i < c.length; i++) {
    if (c[i] === "(") depth++;
    else if (c[i] === ")" && --depth === 0) return i === c.length - 1;
  }
  return false;
}

export function isName(c: string): boolean { return /^[A-Za-z_][A-Za-z0-9_]*$/.test(c); }

/** A GNU C statement expression: the declarations run in order, then c gives the value. */
export function stmtExpr(pre: string[], c: string): string {
  return pre.length === 0 ? c : `({ ${pre.join(" ")} ${c}; })`;
}

/** Drops one pair of redundant outer parentheses for statement-level C. */
export function stripOuter(c: string): string {
  if (!c.startsWith("(") || !c.endsWith(")") || c.startsWith("({")) return c;
  let depth = 0;
  for (let i = 0; i < c.length; i++) {
    if (c[i] === "(") depth++;
    else if (c[i] === ")") {
      depth--;
      if (depth === 0 && i < c.length - 1) return c;
    }
  }
  // A cast like "(uint8_t)x" starts with "(" but is not wrapped as a whole.
  return c.slice(1, -1);
}

export function zeroValue(t: Type): string {
  switch (t.k) {
    case "bool": return "false";
    case "ref": case "ptr": case "func": case "cstr": return "NULL";
    default: return "0";
  }
}

