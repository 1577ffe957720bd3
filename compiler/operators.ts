// Operators: arithmetic, bitwise, shifts, comparisons, unary operators and
// the conditional, typed by the subset's rules (promotion, C's usual
// arithmetic conversions, untyped constants) and spelled in C with every
// conversion explicit.
import ts from "typescript";
import { fail } from "./diagnostics.js";
import { type Val, paren, stmtExpr, strip } from "./cexpr.js";
import { coerce } from "./coerce.js";
import { castInt, cmp, constAs, constOperand, defaultType, foldTyped, foldUntyped, jsFold } from "./constants.js";
import type { ExprCompiler } from "./expr.js";
import { unionOrigins } from "./origins.js";
import { assign, compound, incdec } from "./assign.js";
import {
  BOOL, I32, IntT, Type, U32, UNTYPED, UNTYPED_BIG, baseInt, cLiteral, fits, hullOf, int, promote, sameType, typeName, usual, widens, wrap,
} from "./types.js";

export function binary(ec: ExprCompiler, e: ts.BinaryExpression, want?: Type): Val {
  const k = e.operatorToken.kind;
  const S = ts.SyntaxKind;
  if (CHAIN_OPS.has(k)) return chain(ec, e, want);
  switch (k) {
    case S.PlusToken: return arith(ec, e, "+", want);
    case S.MinusToken: return arith(ec, e, "-", want);
    case S.AsteriskToken: return arith(ec, e, "*", want);
    case S.PercentToken: return arith(ec, e, "%", want);
    case S.AmpersandToken: return arith(ec, e, "&", want);
    case S.BarToken: return arith(ec, e, "|", want);
    case S.CaretToken: return arith(ec, e, "^", want);
    case S.LessThanLessThanToken: return arith(ec, e, "<<", want);
    case S.GreaterThanGreaterThanToken: return arith(ec, e, ">>", want);
    case S.GreaterThanGreaterThanGreaterThanToken: return arith(ec, e, ">>>", want);
    case S.SlashToken: return arith(ec, e, "/", want, false);
    case S.AsteriskAsteriskToken: fail(e, "`**` is not in the subset: multiply, or shift for powers of two");
    case S.LessThanToken: return compare(ec, e, "<");
    case S.LessThanEqualsToken: return compare(ec, e, "<=");
    case S.GreaterThanToken: return compare(ec, e, ">");
    case S.GreaterThanEqualsToken: return compare(ec, e, ">=");
    case S.EqualsEqualsToken: case S.EqualsEqualsEqualsToken: return compare(ec, e, "==");
    case S.ExclamationEqualsToken: case S.ExclamationEqualsEqualsToken: return compare(ec, e, "!=");
    case S.AmpersandAmpersandToken: case S.BarBarToken: {
      const a = ec.expr(e.left);
      const b = ec.expr(e.right);
      if (a.t.k !== "bool" || b.t.k !== "bool") {
        fail(e, "`&&`/`||` on non-bool values gives one of the operands in JavaScript: compare explicitly (x !== 0) or use it as a condition");
      }
      return { c: `(${a.c} ${k === S.AmpersandAmpersandToken ? "&&" : "||"} ${b.c})`, t: BOOL, pure: a.pure && b.pure };
    }
    case S.QuestionQuestionToken: fail(e, "`??` is not in the subset: test for null with a conditional");
    case S.BarBarEqualsToken: case S.AmpersandAmpersandEqualsToken: case S.QuestionQuestionEqualsToken:
      fail(e, "logical assignment is not in the subset: write an if statement");
    case S.EqualsToken: return assign(ec, e);
    case S.PlusEqualsToken: return compound(ec, e, "+");
    case S.MinusEqualsToken: return compound(ec, e, "-");
    case S.AsteriskEqualsToken: return compound(ec, e, "*");
    case S.PercentEqualsToken: return compound(ec, e, "%");
    case S.AmpersandEqualsToken: return compound(ec, e, "&");
    case S.BarEqualsToken: return compound(ec, e, "|");
    case S.CaretEqualsToken: return compound(ec, e, "^");
    case S.LessThanLessThanEqualsToken: return compound(ec, e, "<<");
    case S.GreaterThanGreaterThanEqualsToken: return compound(ec, e, ">>");
    case S.GreaterThanGreaterThanGreaterThanEqualsToken: return compound(ec, e, ">>>");
    case S.SlashEqualsToken: fail(e, "`/=` is not in the subset: write x = u32(x / y) so the truncation is explicit");
    case S.CommaToken: fail(e, "the comma operator is only for the parts of a for header (i++, j--): use separate statements");
    case S.InKeyword: fail(e, "`in` is not in the subset: struct fields are known at compile time");
    case S.InstanceOfKeyword: fail(e, "`instanceof` is not in the subset: there are no classes");
    default: fail(e, `the operator ${e.operatorToken.getText()} is not in the subset`);
  }
}

/**
 * A left-associated chain such as `a + b - c + ...` (thousands of terms in
 * generated code) is compiled along its left spine with a loop rather than
 * by recursion, which would exhaust the JavaScript stack.
 */

export function chain(ec: ExprCompiler, e: ts.BinaryExpression, want?: Type): Val {
  const spine: ts.BinaryExpression[] = [];
  let cur: ts.Expression = e;
  while (ts.isBinaryExpression(cur) && CHAIN_OPS.has(cur.operatorToken.kind)) {
    spine.push(cur);
    cur = cur.left;
  }
  let v = ec.expr(cur);
  for (let i = spine.length - 1; i >= 0; i--) {
    const node = spine[i];
    const b = ec.expr(node.right);
    v = { ...arithVals(ec, node, CHAIN_OPS.get(node.operatorToken.kind)!, v, b, i === 0 ? want : undefined, false), node };
  }
  return v;
}

/** Operand types of an arithmetic operator, with the bool/string errors. */

export function operand(v: Val, node: ts.Node, op: string): IntT | null {
  if (v.t.k === "untyped") return null;
  const it = baseInt(v.t);
  if (it) return it;
  if (v.t.k === "cstr") fail(node, "string operations are not in the subset (no concatenation): print the parts one after another");
  if (v.t.k === "bool") fail(node, `\`${op}\` on a bool: convert it with u32(flag) first`);
  fail(node, `\`${op}\` needs integers, found ${typeName(v.t)}`);
}

export function arith(ec: ExprCompiler, e: ts.BinaryExpression, op: string, want?: Type, inConversion = false): Val {
  const a = ec.expr(e.left);
  const b = ec.expr(e.right);
  return arithVals(ec, e, op, a, b, want, inConversion);
}

export function arithVals(ec: ExprCompiler, e: ts.Node, op: string, a0: Val, b0: Val, want: Type | undefined, inConversion: boolean): Val {
  const shifting = op === "<<" || op === ">>" || op === ">>>";
  if (!shifting) [a0, b0] = [retypeAlts(a0, b0, op), retypeAlts(b0, a0, op)];
  const { pre, vals } = ec.sequenceVals([a0, b0]);
  let a = vals[0]!;
  const b = vals[1]!;
  const ta = operand(a, e, op);
  const tb = operand(b, e, op);
  const shift = op === "<<" || op === ">>" || op === ">>>";
  // Both untyped: exact compile-time arithmetic.
  if (!ta && !tb) {
    const big = (a.t as { big: boolean }).big || (b.t as { big: boolean }).big;
    if (op === "/" && !big && !inConversion) fail(e, "`/` on integers must be wrapped in a conversion so JavaScript and C agree: write u32(a / b) or i32(a / b)");
    const value = foldUntyped(e, op, a.value!, b.value!, big);
    return { c: value.toString(), t: big ? UNTYPED_BIG : UNTYPED, value, pure: true };
  }
  let R: IntT;
  if (shift) {
    if (ta) R = promote(ta);
    else if ((a.t as { big: boolean }).big) {
      // A bigint constant shifted: exact in JavaScript, so the type the use wants.
      const w = want ? baseInt(want) : null;
      R = w && w.bits === 64 && fits(a.value!, w) ? w : defaultType(a.value!, true);
    } else {
      // JavaScript reads the left operand of << and >> as a signed 32-bit
      // value (ToInt32) and that of >>> as an unsigned one (ToUint32), whatever
      // the context: `1 << 31` is -2147483648, `-1 >>> 4` is 268435455.
      R = op === ">>>" ? U32 : I32;
      if (!fits(a.value!, I32) && !fits(a.value!, U32)) fail(a.node ?? e, `the constant ${a.value} does not fit 32 bits, which JavaScript's shift operators work on: shift a bigint (${a.value}n) in u64`);
      a = { ...a, value: wrap(a.value!, R) };
    }
  } else if (!ta) R = promote(tb!);
  else if (!tb) R = promote(ta);
  else R = usual(ta, tb);
  const big = R.bits === 64;
  if (op === "/" && !big && !inConversion) {
    fail(e, `\`/\` on ${R.name} must be wrapped in a conversion so JavaScript and C agree: write ${R.name}(a / b)`);
  }
  if ((op === "/" || op === "%") && ta && tb) checkSigns(e, ta, tb, op, a0, b0);
  if (op === ">>" && !R.signed && R.bits === 32) fail(e, "`>>` on an unsigned 32-bit value is an arithmetic shift in JavaScript: write >>> for a logical shift");
  if (op === ">>>" && R.bits === 64) fail(e, "`>>>` is not defined for 64-bit values: `>>` on a u64 is already logical");
  if (op === ">>>") R = U32;

  let c: string;
  const av = ta ? castInt(a, R, e) : constOperand(a, R, op, a.node ?? e);
  if (shift) {
    const tc = tb ?? defaultType(b.value!, (b.t as { big: boolean }).big);
    const cc = tb ? b.c : cLiteral(b.value!, tc);
    if (R.bits === 64) {
      // A negative i64 count shifts the other way, as bigint shifts do.
      const signedCount = tc.signed;
      const helper = op === "<<" ? (R.signed ? "tsk_sal64" : "tsk_shl64") : R.signed ? "tsk_sar64" : "tsk_shr64";
      c = `${helper}${signedCount ? "s" : ""}(${av}, ${castInt({ ...b, c: cc, t: tc }, int(signedCount ? "i64" : "u64"), e)})`;
    } else {
      const count = b.value !== undefined ? `${b.value & 31n}` : `(${paren(cc)} & 31)`;
      if (op === ">>>") c = `(${paren(av)} >> ${count})`;
      else if (op === "<<" && R.signed) c = `((int32_t)((uint32_t)${paren(av)} << ${count}))`;
      else c = `(${paren(av)} ${op} ${count})`;
    }
  } else {
    const bv = tb ? castInt(b, R, e) : constOperand(b, R, op, b.node ?? e);
    if ((op === "/" || op === "%") && b.value !== undefined && wrap(b.value, R) === 0n) fail(b.node ?? e, "division by zero");
    // A divisor the compiler does not know (or -1) goes through tsk_div/tsk_rem,
    // which hide it from gcc's optimizer, so that x / 0 and INT_MIN / -1 really
    // execute the divide instruction and trap, as docs/subset.md promises.
    const hidden = (op === "/" || op === "%") && (b.value === undefined || (R.signed && wrap(b.value, R) === -1n));
    c = hidden ? `tsk_${op === "/" ? "div" : "rem"}_${R.name}(${av}, ${bv})` : `(${paren(av)} ${op} ${paren(bv)})`;
  }
  let value: bigint | undefined;
  let exact = false;
  if (a.value !== undefined && b.value !== undefined) {
    value = foldTyped(e, op, a.value, b.value, R);
    // Exact when both operands are and JavaScript gets the same integer.
    const aExact = a.t.k === "untyped" || a.exact === true;
    const bExact = b.t.k === "untyped" || b.exact === true;
    exact = aExact && bExact && jsFold(op, a.value, b.value, R.bits === 64) === value;
  }
  // `&`, `|` and `^` of two values of one enum (a flag set) give that enum:
  // they stay within the bits of its members, so it converts as they do.
  const t = (op === "&" || op === "|" || op === "^") && a0.t.k === "enum" && a0.t === b0.t ? a0.t : R;
  return { c: stmtExpr(pre, c), t, value, pure: a.pure && b.pure, exact };
}

/** `/`, `%` and comparisons depend on signedness: refuse the forms where C's
 *  common type is unsigned but an operand is signed (C would turn -1 into
 *  0xffffffff, JavaScript would not). */

export function checkSigns(e: ts.Node, ta: IntT, tb: IntT, op: string, a: Val, b: Val): void {
  const R = usual(ta, tb);
  if (R.signed || (!ta.signed && !tb.signed)) return;
  const [sv, st, uv, ut] = ta.signed ? [a, ta, b, tb] : [b, tb, a, ta];
  // A signed operand that is never negative compares the same either way:
  // a known constant >= 0, or an enum whose members all are (flag enums).
  if (sv.value !== undefined && sv.pure && sv.value >= 0n) return;
  if (sv.t.k === "enum" && !hullOf(sv.t).signed) return;
  // Name the user's own operands in the two rewrites that keep JavaScript's meaning.
  const raw = (v: Val, fallback: string) => (v.node ? strip(v.node as ts.Expression).getText() : fallback);
  const text = (v: Val, fallback: string) => {
    const n = v.node ? strip(v.node as ts.Expression) : undefined;
    return n && (ts.isBinaryExpression(n) || ts.isConditionalExpression(n)) ? `(${raw(v, fallback)})` : raw(v, fallback);
  };
  const s = text(sv, "x");
  const u = text(uv, "y");
  const shown = ts.isBinaryExpression(e) ? e.operatorToken.getText() : op;
  const unsignedName = ut.bits === 64 ? "u64" : "u32";
  const signedName = st.bits === 64 || ut.bits === 64 ? "i64" : "i32";
  const [fixSigned, fixUnsigned] = ta.signed
    ? [`${unsignedName}(${s}) ${shown} ${u}`, `${s} ${shown} ${signedName}(${u})`]
    : [`${u} ${shown} ${unsignedName}(${s})`, `${signedName}(${u}) ${shown} ${s}`];
  fail(e, `\`${shown}\` mixes ${st.name} \`${raw(sv, "x")}\` and ${ut.name} \`${raw(uv, "y")}\`: C would convert ${raw(sv, "x")} to ${R.name}, so -1 would count as ${R.bits === 64 ? "0xffffffffffffffff" : "0xffffffff"}; write \`${fixSigned}\` if ${s} is never negative, or \`${fixUnsigned}\` if ${u} fits ${signedName}`);
}

export function compare(ec: ExprCompiler, e: ts.BinaryExpression, op: string): Val {
  const a = ec.expr(e.left);
  const b = ec.expr(e.right);
  return compareVals(ec, e, op, a, b);
}

export function compareVals(ec: ExprCompiler, e: ts.Node, op: string, a0: Val, b0: Val): Val {
  [a0, b0] = [retypeAlts(a0, b0, op), retypeAlts(b0, a0, op)];
  const { pre, vals: [a, b] } = ec.sequenceVals([a0, b0]);
  const r = compareSequenced(ec, e, op, a, b);
  return { ...r, c: stmtExpr(pre, r.c) };
}

export function compareSequenced(ec: ExprCompiler, e: ts.Node, op: string, a: Val, b: Val): Val {
  const eq = op === "==" || op === "!=";
  const pure = a.pure && b.pure;
  const ia = a.t.k === "untyped" || baseInt(a.t);
  const ib = b.t.k === "untyped" || baseInt(b.t);
  if (ia && ib) {
    if (a.t.k === "enum" && b.t.k === "enum" && a.t !== b.t) fail(e, `cannot compare ${a.t.name} with ${b.t.name}`);
    if (a.t.k === "untyped" && b.t.k === "untyped") {
      const value = BigInt(cmp(op, a.value!, b.value!));
      return { c: value ? "true" : "false", t: BOOL, value, pure: true };
    }
    const ta = a.t.k === "untyped" ? null : baseInt(a.t)!;
    const tb = b.t.k === "untyped" ? null : baseInt(b.t)!;
    if (ta && tb) checkSigns(e, ta, tb, op, a, b);
    const R = ta && tb ? usual(ta, tb) : promote((ta ?? tb)!);
    const av = castInt(a, R, e);
    const bv = castInt(b, R, e);
    const value = a.value !== undefined && b.value !== undefined ? BigInt(cmp(op, a.value, b.value)) : undefined;
    return { c: `(${paren(av)} ${op} ${paren(bv)})`, t: BOOL, value, pure };
  }
  if (!eq) fail(e, `\`${op}\` compares integers only, not ${typeName(a.t)} and ${typeName(b.t)}`);
  if (a.t.k === "bool" && b.t.k === "bool") return { c: `(${paren(a.c)} ${op} ${paren(b.c)})`, t: BOOL, pure };
  if (a.t.k === "cstr" || b.t.k === "cstr") fail(e, "strings cannot be compared: CStr is only for literals passed to C");
  const refLike = (t: Type) => t.k === "ref" || t.k === "func" || t.k === "ptr" || t.k === "null";
  if (refLike(a.t) && refLike(b.t)) {
    const ok = a.t.k === "null" || b.t.k === "null" || sameType({ ...a.t, nullable: false } as Type, { ...b.t, nullable: false } as Type);
    if (!ok) fail(e, `cannot compare ${typeName(a.t)} with ${typeName(b.t)}`);
    return { c: `(${paren(a.c)} ${op} ${paren(b.c)})`, t: BOOL, pure };
  }
  fail(e, `cannot compare ${typeName(a.t)} with ${typeName(b.t)}`);
}

export function prefix(ec: ExprCompiler, e: ts.PrefixUnaryExpression, want?: Type): Val {
  const S = ts.SyntaxKind;
  switch (e.operator) {
    case S.ExclamationToken: {
      const v = ec.cond(e.operand);
      return { c: `(!${paren(v.c)})`, t: BOOL, pure: v.pure, value: v.value === undefined ? undefined : v.value ? 0n : 1n };
    }
    case S.PlusPlusToken: case S.MinusMinusToken: return incdec(ec, e.operand, e.operator === S.PlusPlusToken ? "++" : "--", true);
    case S.MinusToken: case S.TildeToken: case S.PlusToken: {
      const v = ec.expr(e.operand, want);
      const op = e.operator === S.MinusToken ? "-" : e.operator === S.TildeToken ? "~" : "+";
      if (v.t.k === "untyped") {
        // ~ on a number constant works on its 32 bits, as in JavaScript.
        const value = op === "-" ? -v.value! : op === "~" ? (v.t.big ? ~v.value! : ~BigInt.asIntN(32, v.value!)) : v.value!;
        return { c: value.toString(), t: v.t, value, pure: true };
      }
      const T = operand(v, e, op)!;
      const R = promote(T);
      if (op === "+") return { ...v, t: R, c: castInt(v, R, e), lv: undefined };
      const value = v.value === undefined ? undefined : wrap(op === "-" ? -v.value : ~v.value, R);
      // JavaScript: -x exactly, ~x on 32 bits (bigints: exactly).
      const js = v.value === undefined ? undefined : op === "-" ? -v.value : R.bits === 64 ? ~v.value : ~BigInt.asIntN(32, v.value);
      return { c: `(${op}${paren(castInt(v, R, e))})`, t: R, value, pure: v.pure, exact: v.exact === true && js === value };
    }
    default: fail(e, "this operator is not in the subset");
  }
}

export function conditional(ec: ExprCompiler, e: ts.ConditionalExpression, want?: Type): Val {
  const c = ec.cond(e.condition);
  const a = ec.expr(e.whenTrue, want);
  const b = ec.expr(e.whenFalse, want);
  const t = want && want.k !== "void" ? want : unify(a, b, e);
  const origins = unionOrigins(a.origins, b.origins);
  const alts = a.t.k === "untyped" && b.t.k === "untyped" && !(want && want.k !== "void") ? { cond: c.c, a, b } : undefined;
  return { c: `(${c.c} ? ${coerce(a, t, e.whenTrue)} : ${coerce(b, t, e.whenFalse)})`, t, pure: c.pure && a.pure && b.pure, origins, alts };
}

/**
 * `c ? 64 : 16` next to a typed operand takes that operand's (promoted) type,
 * as an untyped constant would, when both values fit it: `x % (d ? 64 : 16)`
 * on a u32 is a u32 remainder. Otherwise v is as conditional() typed it.
 */
function retypeAlts(v: Val, other: Val, op: string): Val {
  const T = v.alts && other.t.k !== "untyped" && !other.alts ? baseInt(other.t) : null;
  if (!v.alts || !T) return v;
  const R = promote(T);
  const spell = (k: Val): string | null => {
    if (fits(k.value!, R)) return constAs(k, R, k.node!);
    const bitwise = op === "&" || op === "|" || op === "^";
    return bitwise && fits(k.value!, int(`${R.signed ? "u" : "i"}${R.bits}` as IntT["name"])) ? constOperand(k, R, op, k.node!) : null;
  };
  const a = spell(v.alts.a);
  const b = spell(v.alts.b);
  if (a === null || b === null) return v;
  return { ...v, c: `(${v.alts.cond} ? ${a} : ${b})`, t: R, alts: undefined };
}

const CHAIN_OPS = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.PlusToken, "+"], [ts.SyntaxKind.MinusToken, "-"], [ts.SyntaxKind.AsteriskToken, "*"],
  [ts.SyntaxKind.PercentToken, "%"], [ts.SyntaxKind.AmpersandToken, "&"], [ts.SyntaxKind.BarToken, "|"],
  [ts.SyntaxKind.CaretToken, "^"], [ts.SyntaxKind.LessThanLessThanToken, "<<"],
  [ts.SyntaxKind.GreaterThanGreaterThanToken, ">>"], [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ">>>"],
]);

/** The type of `c ? a : b` when the context gives none: one that holds both. */
function unify(a: Val, b: Val, node: ts.Node): Type {
  const CANDIDATES = [int("i32"), int("u32"), int("i64"), int("u64")];
  if (a.t.k === "untyped" && b.t.k === "untyped") {
    // `c ? 1 : 0xffffffff` is u32; number constants stay 32-bit (u64 and i64
    // are bigints in TypeScript).
    const big = a.t.big || b.t.big;
    const t = CANDIDATES.find((x) => (x.bits === 64) === big && fits(a.value!, x) && fits(b.value!, x));
    if (!t) fail(node, `no ${big ? "64" : "32"}-bit integer type holds both ${a.value} and ${b.value}: convert a branch, e.g. u32(...)`);
    return t;
  }
  // A conditional of constants beside a typed branch: the typed branch's type, if both fit.
  for (const [k, other] of [[a, b], [b, a]] as const) {
    const T = k.alts && other.t.k !== "untyped" ? baseInt(other.t) : null;
    if (T && fits(k.alts!.a.value!, T) && fits(k.alts!.b.value!, T)) return other.t.k === "enum" ? hullOf(other.t) : other.t;
  }
  if (a.t.k === "untyped" || b.t.k === "untyped") {
    const [k, other] = a.t.k === "untyped" ? [a, b] : [b, a];
    const T = baseInt(other.t);
    // Beside a conditional of constants: a type that holds all three values.
    if (other.alts) {
      const vals = [k.value!, other.alts.a.value!, other.alts.b.value!];
      const t = CANDIDATES.find((x) => (x.bits === 64) === (k.t as { big: boolean }).big && vals.every((v) => fits(v, x)));
      if (t) return t;
    }
    // An enum branch beside a number: the enum's hull holds both when the number fits it.
    if (other.t.k === "enum" && T && fits(k.value!, hullOf(other.t))) return hullOf(other.t);
    if (!T || fits(k.value!, T)) return other.t;
    const t = CANDIDATES.find((x) => (x.bits === 64) === (T.bits === 64) && widens(T, x) && fits(k.value!, x));
    if (!t) fail(node, `no integer type holds both ${typeName(other.t)} and ${k.value}: convert one branch`);
    return t;
  }
  if (a.t.k === "null") return b.t.k === "ref" || b.t.k === "func" ? { ...b.t, nullable: true } : fail(node, "null is only for references");
  if (b.t.k === "null") return a.t.k === "ref" || a.t.k === "func" ? { ...a.t, nullable: true } : fail(node, "null is only for references");
  if (a.t.k === "int" && b.t.k === "int") {
    if (widens(a.t, b.t)) return b.t;
    if (widens(b.t, a.t)) return a.t;
    fail(node, `the branches have types ${a.t.name} and ${b.t.name}: convert one of them`);
  }
  if (sameType(a.t, b.t)) {
    if ((a.t.k === "ref" || a.t.k === "func") && (b.t.k === "ref" || b.t.k === "func")) return { ...a.t, nullable: a.t.nullable || b.t.nullable } as Type;
    return a.t;
  }
  fail(node, `the branches have different types: ${typeName(a.t)} and ${typeName(b.t)}`);
}
