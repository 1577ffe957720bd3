// Integer constants: literals, the type an untyped constant takes, and
// compile-time folding with JavaScript's meaning (untyped) or C's (typed).
import ts from "typescript";
import { fail } from "./diagnostics.js";
import type { Val } from "./cexpr.js";
import { IntT, cLiteral, cScalar, fits, int, typeName, wrap, baseInt } from "./types.js";
import { paren } from "./cexpr.js";

export function literalValue(node: ts.NumericLiteral | ts.BigIntLiteral): bigint {
  const text = node.getText().replace(/_/g, "").replace(/n$/, "");
  if (ts.isNumericLiteral(node) && /[.eE]/.test(text) && !/^0[xX]/.test(text)) {
    fail(node, "floating point is not in the subset: use integers (e.g. fixed point in a u32)");
  }
  if (/^0[0-7]+$/.test(text)) fail(node, "legacy octal literals are not allowed: write 0o17");
  const value = BigInt(text);
  if (ts.isNumericLiteral(node) && value > 1n << 53n) {
    fail(node, `${text} is beyond 2^53: a JavaScript number cannot hold it exactly; write a bigint literal (${text}n) for u64/i64`);
  }
  return value;
}

/** The C type C gives an unsuffixed literal: i32, u32, i64 or u64. */
export function defaultType(v: bigint, big: boolean): IntT {
  for (const n of big ? (["i64", "u64"] as const) : (["i32", "u32", "i64", "u64"] as const)) if (fits(v, int(n))) return int(n);
  return int("u64");
}

/** Gives an untyped constant the type t (it must fit). */
export function constAs(v: Val, t: IntT, node: ts.Node): string {
  if (v.value === undefined) throw new Error("internal: untyped without value");
  if (!fits(v.value, t)) {
    const hint = v.value < 0n && !t.signed && fits(BigInt.asUintN(t.bits, v.value), t)
      ? `: write its bit pattern, 0x${BigInt.asUintN(t.bits, v.value).toString(16)}, or convert with ${t.name}(...)`
      : "";
    fail(node, `the constant ${v.value} does not fit ${t.name} (range ${rangeOf(t)})${hint}`);
  }
  return cLiteral(v.value, t, /^0[xX]/.test(v.c));
}
/**
 * An untyped constant operand of a typed operator, in the operator's type R.
 * For `& | ^` a constant that does not fit R but fits the type of R's width
 * and the other signedness stands for its bit pattern in R, as C converts it
 * and as JavaScript's 32-bit operators read it: `va & ~(PAGE_SIZE - 1)` on a
 * u32 (-4096 is 0xfffff000), `x & 0xffffffff` on an i32 (-1).
 */
export function constOperand(v: Val, R: IntT, op: string, node: ts.Node): string {
  if ((op === "&" || op === "|" || op === "^") && v.value !== undefined && !fits(v.value, R)) {
    const other = int(`${R.signed ? "u" : "i"}${R.bits}` as IntT["name"]);
    if (fits(v.value, other)) return cLiteral(wrap(v.value, R), R, true);
  }
  return constAs(v, R, node);
}

export function rangeOf(t: IntT): string {
  return t.signed ? `${-(1n << BigInt(t.bits - 1))}..${(1n << BigInt(t.bits - 1)) - 1n}` : `0..${(1n << BigInt(t.bits)) - 1n}`;
}

/** The C spelling of integer value v converted to type t (with C's conversion rules). */
export function castInt(v: Val, t: IntT, node: ts.Node): string {
  if (v.t.k === "untyped") return constAs(v, t, node);
  const from = baseInt(v.t);
  if (v.t.k === "bool") return `((${cScalar(t)})${paren(v.c)})`;
  if (!from) fail(node, `expected an integer, found ${typeName(v.t)}`);
  if (from === t) return v.c;
  return `((${cScalar(t)})${paren(v.c)})`;
}

export function cmp(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return a === b;
    default: return a !== b;
  }
}

function foldExact(node: ts.Node | null, op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": if (b === 0n) fail(node!, "division by zero"); return a / b;
    case "%": if (b === 0n) fail(node!, "division by zero"); return a % b;
    case "&": return a & b;
    case "|": return a | b;
    case "^": return a ^ b;
    case "<<": if (b < -1024n || b > 1024n) fail(node!, "shift count out of range"); return a << b;
    case ">>": if (b < -1024n || b > 1024n) fail(node!, "shift count out of range"); return a >> b;
    case ">>>": return BigInt.asUintN(32, a) >> (b & 31n);
  }
  throw new Error(`internal: fold ${op}`);
}

const EXACT_LIMIT = 1n << 53n;
/**
 * Untyped constants compute as JavaScript does, so that `1 << 31` means the
 * same compiled and under Node: bigint constants exactly; number constants
 * exactly for + - * / % (refused beyond 2^53, where doubles round) and with
 * 32-bit operands for the bitwise operators and shifts (`1 << 31` is
 * -2147483648, `0xffffffff | 0` is -1).
 */
export function foldUntyped(node: ts.Node, op: string, a: bigint, b: bigint, big: boolean): bigint {
  if (big) return foldExact(node, op, a, b);
  const r = bitwise32(op, a, b) ?? foldExact(node, op, a, b);
  if (r > EXACT_LIMIT || r < -EXACT_LIMIT) fail(node, `the constant ${r} is beyond 2^53, where JavaScript numbers round: use a bigint constant (${r}n) or typed arithmetic`);
  return r;
}

/** JavaScript's bitwise operators and shifts on numbers: 32-bit operands (undefined for other operators). */
function bitwise32(op: string, a: bigint, b: bigint): bigint | undefined {
  const i32 = (x: bigint) => BigInt.asIntN(32, x);
  switch (op) {
    case "&": return i32(a) & i32(b);
    case "|": return i32(a) | i32(b);
    case "^": return i32(a) ^ i32(b);
    case "<<": return i32(i32(a) << (b & 31n));
    case ">>": return i32(a) >> (b & 31n);
    case ">>>": return BigInt.asUintN(32, a) >> (b & 31n);
    default: return undefined;
  }
}

/**
 * What JavaScript computes for `a op b` on these exact values (numbers:
 * 32-bit bitwise operators and shifts; bigints: exact), or undefined where it
 * would not give an integer this compiler can represent (a fraction, a
 * number beyond 2^53, a zero divisor). Typed constants use it to know
 * whether their C value is JavaScript's too (Val.exact).
 */
export function jsFold(op: string, a: bigint, b: bigint, big: boolean): bigint | undefined {
  if ((op === "/" || op === "%") && b === 0n) return undefined;
  if (big) {
    if (op === ">>>" || ((op === "<<" || op === ">>") && (b < -1024n || b > 1024n))) return undefined;
    return foldExact(null, op, a, b);
  }
  if (op === "/" && a % b !== 0n) return undefined;
  const r = bitwise32(op, a, b) ?? foldExact(null, op, a, b);
  return r > EXACT_LIMIT || r < -EXACT_LIMIT ? undefined : r;
}

export function foldTyped(node: ts.Node, op: string, a: bigint, b: bigint, R: IntT): bigint {
  a = wrap(a, R);
  if (op === "<<" || op === ">>" || op === ">>>") {
    if (R.bits === 64 && b < 0n && op !== ">>>") return foldTyped(node, op === "<<" ? ">>" : "<<", a, -b, R);
    const n = R.bits === 64 ? BigInt.asUintN(64, b) : b & 31n;
    if (n >= 64n) return op === ">>" && a < 0n ? -1n : 0n;
    if (op === ">>>") return BigInt.asUintN(32, a) >> n;
    return wrap(op === "<<" ? a << n : a >> n, R);
  }
  b = wrap(b, R);
  if ((op === "/" || op === "%") && b === 0n) fail(node, "division by zero");
  if ((op === "/" || op === "%") && R.signed && b === -1n && a === -(1n << BigInt(R.bits - 1))) {
    fail(node, `${R.name} minimum / -1 overflows: it traps at run time, so it cannot be a constant`);
  }
  return wrap(foldExact(node, op, a, b), R);
}
