// Assignments: `=`, compound assignments and `++`/`--`, with JavaScript's
// order (the target is found before the value is evaluated, and read once).
import ts from "typescript";
import { fail } from "./diagnostics.js";
import { type Val, completesEffects, isName, paren, stmtExpr } from "./cexpr.js";
import { coerce } from "./coerce.js";
import { castInt, constOperand } from "./constants.js";
import type { ExprCompiler } from "./expr.js";
import { arithVals } from "./operators.js";
import { IntT, Type, baseInt, cDecl, hullOf, typeName } from "./types.js";

export function assign(ec: ExprCompiler, e: ts.BinaryExpression): Val {
  if (ts.isObjectLiteralExpression(e.left) || ts.isArrayLiteralExpression(e.left)) fail(e.left, "destructuring is not in the subset: assign each value separately");
  const target = ec.expr(e.left);
  const lv = requireLvalue(target, e.left);
  const v = ec.expr(e.right, lv.storage);
  const rhs = coerce(v, lv.storage, e.right);
  if (target.local) ec.ctx.escapes.assign(target.local, v.origins);
  else ec.ctx.escapes.store(v.origins, e, target.container, lv.storage);
  if (isName(target.c) || (target.staticAddr && target.pure)) {
    // A variable (or module data at a fixed address) has nothing to evaluate;
    // but a raw side effect in the value (`x = y++`) must be complete before
    // the store, so it goes first.
    if (v.pure || completesEffects(rhs)) return { c: `(${target.c} = ${rhs})`, t: lv.storage, pure: false, origins: v.origins };
    const t = ec.temp();
    return { c: stmtExpr([`${cDecl(lv.storage, t)} = ${rhs};`], `${target.c} = ${t}`), t: lv.storage, pure: false, origins: v.origins };
  }
  if (v.pure && target.pure) return { c: `(${target.c} = ${rhs})`, t: lv.storage, pure: false, origins: v.origins };
  // JavaScript finds the target before evaluating the value: `a[bump()] = g + 1`
  // reads g after bump() ran. The target's address goes into a temporary first.
  const { pre, place } = pin(ec, target, lv.storage);
  return { c: stmtExpr(pre, `${place} = ${rhs}`), t: lv.storage, pure: false, origins: v.origins };
}

/**
 * The target of an assignment, found once: a name or module data as it is,
 * anything else through a pointer to it. In packed storage that pointer's
 * type has alignment 1 (a field there may be misaligned; a plain
 * `uint32_t *` to it would be undefined behaviour).
 */
function pin(ec: ExprCompiler, target: Val, storage: Type): { pre: string[]; place: string } {
  if (isName(target.c) || (target.staticAddr && target.pure)) return { pre: [], place: target.c };
  const p = ec.temp();
  if (!target.packed) return { pre: [`${cDecl(storage, `*${p}`)} = &${paren(target.c)};`], place: `*${p}` };
  const t = `${p}_t`;
  return { pre: [`typedef __typeof__(${target.c}) __attribute__((aligned(1))) ${t};`, `${t} *${p} = &${paren(target.c)};`], place: `*${p}` };
}

export function requireLvalue(v: Val, node: ts.Node): { storage: Type; mutable: boolean } {
  if (!v.lv) {
    if (v.t.k === "ref" && v.addrOf) fail(node, "a struct stored in place cannot be assigned as a whole: assign its fields, or memcpy(addr(dst), addr(src), sizeOf<S>())");
    if (v.t.k === "arr") fail(node, "an array cannot be assigned as a whole: assign its elements or use memcpy");
    fail(node, "this expression cannot be assigned to");
  }
  if (!v.lv.mutable) fail(node, "this is read-only (a const or a readonly table)");
  return v.lv;
}

export function compound(ec: ExprCompiler, e: ts.BinaryExpression, op: string): Val {
  const target = ec.expr(e.left);
  const lv = requireLvalue(target, e.left);
  const T = baseInt(lv.storage);
  if (!T) {
    if (lv.storage.k === "cstr") fail(e, "string concatenation is not in the subset");
    fail(e, `\`${op}=\` needs an integer variable, found ${typeName(lv.storage)}`);
  }
  const rhs = ec.expr(e.right);
  // An enum variable holds members and their bitwise combinations (docs/subset.md):
  // `f |= E.X` keeps that, `s += 100` would not.
  if (lv.storage.k === "enum" && !((op === "|" || op === "&" || op === "^") && rhs.t === lv.storage)) {
    fail(e, `\`${op}=\` on an enum variable: only |=, &= and ^= with a ${lv.storage.name} keep it a ${lv.storage.name}; compute in an integer and convert with ${hullOf(lv.storage).name}(x) as ${lv.storage.name}`);
  }
  const shift = op === "<<" || op === ">>" || op === ">>>";
  if (target.pure && rhs.pure) {
    const r = arithVals(ec, e, op, { ...target, t: T }, rhs, undefined, false);
    if (!shift && op !== "%" && T.bits <= 32 && lv.storage.k === "int") {
      // C's own compound assignment converts back exactly as the subset says
      // (not for %=, whose divisor must go through tsk_rem to trap on zero).
      const rv = rhs.t.k === "untyped" ? constOperand(rhs, r.t as IntT, op, e) : castInt(rhs, r.t as IntT, e);
      return { c: `(${target.c} ${op}= ${paren(rv)})`, t: T, pure: false };
    }
    return { c: `(${target.c} = ${castInt(r, T, e)})`, t: T, pure: false };
  }
  // JavaScript finds the target, reads it, then evaluates the right-hand
  // side: the pinned target and a temporary keep that order (and one evaluation).
  const { pre, place } = pin(ec, target, lv.storage);
  const old = ec.temp();
  const r = arithVals(ec, e, op, { c: old, t: T, pure: true }, rhs, undefined, false);
  return { c: stmtExpr([...pre, `${cDecl(T, old)} = ${place};`], `${place} = ${castInt(r, T, e)}`), t: T, pure: false };
}

export function postfix(ec: ExprCompiler, e: ts.PostfixUnaryExpression): Val {
  return incdec(ec, e.operand, e.operator === ts.SyntaxKind.PlusPlusToken ? "++" : "--", false);
}

export function incdec(ec: ExprCompiler, operand: ts.Expression, op: string, prefix: boolean): Val {
  const v = ec.expr(operand);
  const lv = requireLvalue(v, operand);
  if (!baseInt(lv.storage) || lv.storage.k === "enum") fail(operand, `\`${op}\` needs an integer variable, found ${typeName(lv.storage)}`);
  return { c: prefix ? `(${op}${v.c})` : `(${v.c}${op})`, t: lv.storage, pure: false };
}
