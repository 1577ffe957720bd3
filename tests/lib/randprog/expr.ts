// Expressions of the random programs: each generated expression of type T
// has, under JavaScript, a value in T's range (tests/lib/randprog.ts states the
// rules). ExprGen also holds the state of the program being generated.

import { formatLiteral, literalValue } from "./literals.js";
import { ALL, BIG_TYPES, INFO, IntType, NUMBER_TYPES, Rng, WIDENS_TO } from "./types.js";
import type { Helper, Table, Var } from "./types.js";

/** The state of one program being generated, and its expressions. */
export abstract class ExprGen {
  protected out: string[] = [];
  protected decls: string[] = [];
  protected scopes: Var[][] = [[]];
  protected helpers: Helper[] = [];
  protected tables: Table[] = [];
  protected fnTables: { name: string; params: IntType[]; ret: IntType }[] = [];
  protected consts: { name: string; big: boolean }[] = [];
  /** Members of the program's const enum (underlying type i32). */
  protected enumMembers: string[] = [];
  /** Generating a comparison or a condition: no enum members (TypeScript
   *  narrows on them, and rejects a constant condition). */
  protected noEnum = 0;
  protected counter = 0;
  protected loopDepth = 0;
  protected labels: string[] = [];
  protected indent = 1;
  protected globalVars: Var[] = [];
  /** Helper calls the current statement may still make. */
  protected callBudget = 1;
  /** Inside a helper: module variables and tables are read-only. */
  protected inHelper = false;
  /** Helpers may change module state and statements may call several. */
  protected readonly orderDependent: boolean;
  /** The program has the effect patterns of randprog/effects.ts (and is order-dependent). */
  protected readonly effects: boolean;

  constructor(
    protected readonly rng: Rng,
    protected readonly k: string,
  ) {
    const mode = rng.int(100);
    this.effects = mode < 45;
    this.orderDependent = mode < 60;
  }

  protected resetCallBudget(): void {
    this.callBudget = this.orderDependent ? 3 : 1;
  }

  /** An expression of type t built from the effect patterns, or null (randprog/effects.ts). */
  protected abstract effectExpr(t: IntType, depth: number): string | null;

  protected fresh(prefix: string): string {
    return `${prefix}${this.k}_${this.counter++}`;
  }

  protected emit(line: string): void {
    this.out.push("  ".repeat(this.indent) + line);
  }

  // ---- literals ------------------------------------------------------------

  protected literalValue(t: IntType): bigint {
    return literalValue(this.rng, t);
  }

  protected formatLiteral(v: bigint, big: boolean): string {
    return formatLiteral(this.rng, v, big);
  }

  /** A literal of type t, converted explicitly so that its type is t wherever it is used. */
  protected typedLiteral(t: IntType): string {
    return `${t}(${this.formatLiteral(this.literalValue(t), INFO[t].big)})`;
  }

  // ---- variables -----------------------------------------------------------

  protected visible(): Var[] {
    return this.scopes.flat();
  }

  protected varsOf(t: IntType | "bool", writable = false): Var[] {
    return this.visible().filter((v) => v.type === t && (!writable || !v.readonly));
  }

  protected declare(v: Var): void {
    this.scopes[this.scopes.length - 1]!.push(v);
  }

  // ---- expressions -----------------------------------------------------------

  /** An expression whose compiled type is exactly t and whose JS value is in t's range. */
  expr(t: IntType, depth: number, exact = false): string {
    const r = this.rng;
    if (depth <= 0 || r.chance(0.18)) return this.leaf(t, exact);
    if (this.effects && r.chance(0.12)) {
      const e = this.effectExpr(t, depth);
      if (e !== null) return e;
    }
    if (this.orderDependent && !exact && this.callBudget > 0 && this.helpers.length > 0 && r.chance(0.2)) {
      const h = r.pick(this.helpers);
      const c = this.call(h.ret, depth);
      return h.ret === t ? c : `${t}(${c})`;
    }
    const choice = r.int(100);
    if (choice < 38) return this.binary(t, depth);
    if (choice < 50) return this.shift(t, depth);
    if (choice < 58) return this.unary(t, depth);
    if (choice < 70) return `${t}(${this.anyExpr(depth - 1, t)})`;
    if (choice < 76) return `${t}(${this.cond(depth - 1)})`;
    if (choice < 84) return this.ternary(t, depth);
    if (choice < 90) return this.tableRead(t, depth);
    if (choice < 96) return this.call(t, depth);
    return this.divide(t, depth);
  }

  /** An expression of any type (for conversions), not a bare literal. */
  protected anyExpr(depth: number, avoid: IntType): string {
    let s = this.rng.pick(ALL);
    if (s === avoid && this.rng.chance(0.5)) s = this.rng.pick(ALL);
    return this.expr(s, depth);
  }

  /** A variable or a typed literal; unless `exact`, possibly a variable of a
   *  narrower type that converts implicitly to t. */
  protected leaf(t: IntType, exact: boolean): string {
    const r = this.rng;
    const vars = this.varsOf(t);
    if (vars.length > 0 && r.chance(0.75)) return r.pick(vars).name;
    const narrower = this.visible().filter((v) => v.type !== "bool" && (WIDENS_TO[v.type as IntType] ?? []).includes(t));
    if (!exact && narrower.length > 0 && r.chance(0.4)) return r.pick(narrower).name;
    // an enum member converts implicitly to its underlying type, i32
    if (t === "i32" && !exact && this.enumMembers.length > 0 && this.noEnum === 0 && r.chance(0.5)) return r.pick(this.enumMembers);
    // `.length` of a table is a compile-time constant of type usize
    if ((t === "u32" || t === "usize") && this.tables.length > 0 && r.chance(0.3)) return `${r.pick(this.tables).name}.length`;
    return this.typedLiteral(t);
  }

  /** An operand for a binary operator: a sub-expression, an untyped constant
   *  that fits every type, or a typed literal. */
  protected operand(t: IntType, depth: number): string {
    const r = this.rng;
    const big = INFO[t].big;
    if (r.chance(0.12)) return this.formatLiteral(BigInt(r.range(0, 127)), big);
    const consts = this.consts.filter((c) => c.big === big);
    if (consts.length > 0 && r.chance(0.08)) return r.pick(consts).name;
    const e = this.expr(t, depth);
    return /^[\w.]+$/.test(e) || /^\w+\(.*\)$/.test(e) ? e : `(${e})`;
  }

  protected binary(t: IntType, depth: number): string {
    const r = this.rng;
    const useBig = INFO[t].big || r.chance(0.2);
    const op = r.pick(["+", "-", "*", "&", "|", "^", "+", "-", "*"]);
    if (useBig) {
      const a = r.pick(BIG_TYPES);
      const b = r.pick(BIG_TYPES);
      return `${t}(${this.operand(a, depth - 1)} ${op} ${this.operand(b, depth - 1)})`;
    }
    let a = r.pick(NUMBER_TYPES);
    let b = r.pick(NUMBER_TYPES);
    if (op === "*" && (INFO[a].bits > 16 || INFO[b].bits > 16)) {
      // widen so that the product stays exact in JavaScript
      const w = r.pick(BIG_TYPES);
      return `${t}(${w}(${this.operand(a, depth - 1)}) * ${w}(${this.operand(b, depth - 1)}))`;
    }
    return `${t}(${this.operand(a, depth - 1)} ${op} ${this.operand(b, depth - 1)})`;
  }

  protected shiftCount(big: boolean, depth: number): string {
    const r = this.rng;
    if (big) {
      const c = r.int(10);
      if (c < 6) return `${r.range(0, 63)}n`;
      // a negative count shifts the other way, as bigint shifts do
      if (c < 7) return `-${r.range(1, 63)}n`;
      if (c < 8) return `i64(${this.operand(r.pick(BIG_TYPES), depth)} % 64n)`;
      return `(${this.operand(r.pick(BIG_TYPES), depth)} & 63n)`;
    }
    if (r.chance(0.7)) return String(r.range(0, 31));
    return `(${this.operand(r.pick(NUMBER_TYPES), depth)} & 31)`;
  }

  protected shift(t: IntType, depth: number): string {
    const r = this.rng;
    const useBig = INFO[t].big || r.chance(0.25);
    if (useBig) {
      const a = r.pick(BIG_TYPES);
      const op = r.pick(["<<", ">>"]);
      return `${t}(${this.operand(a, depth - 1)} ${op} ${this.shiftCount(true, depth - 2)})`;
    }
    const op = r.pick(["<<", ">>", ">>>"]);
    const choices = op === ">>" ? NUMBER_TYPES.filter((x) => x !== "u32" && x !== "usize") : NUMBER_TYPES;
    const a = r.pick(choices);
    return `${t}(${this.operand(a, depth - 1)} ${op} ${this.shiftCount(false, depth - 2)})`;
  }

  protected unary(t: IntType, depth: number): string {
    const r = this.rng;
    const op = r.pick(["-", "~"]);
    const a = INFO[t].big ? r.pick(BIG_TYPES) : r.pick(r.chance(0.2) ? BIG_TYPES : NUMBER_TYPES);
    return `${t}(${op}${this.operand(a, depth - 1)})`;
  }

  /** A divisor of type d that is never 0 and never -1. */
  protected divisor(d: IntType, depth: number): string {
    const r = this.rng;
    const info = INFO[d];
    const n = info.big ? "n" : "";
    if (r.chance(0.4)) {
      let v = r.range(2, 100);
      if (info.signed && r.chance(0.4)) v = -v;
      if (r.chance(0.2)) v = 1;
      return `${d}(${v}${n})`;
    }
    const x = this.operand(d, depth);
    if (info.signed) return `${d}((${x} & 127${n}) | 1${n})`;
    return `${d}(${x} | 1${n})`;
  }

  protected divide(t: IntType, depth: number): string {
    const r = this.rng;
    const op = r.pick(["/", "%"]);
    const useBig = INFO[t].big || r.chance(0.25);
    if (useBig) {
      const a = r.pick(BIG_TYPES);
      return `${t}(${this.operand(a, depth - 1)} ${op} ${this.divisor(a, depth - 2)})`;
    }
    const a = r.pick(NUMBER_TYPES);
    let b = r.pick(NUMBER_TYPES);
    if (INFO[a].bits === 32 || INFO[b].bits === 32) b = a;
    return `${t}(${this.operand(a, depth - 1)} ${op} ${this.divisor(b, depth - 2)})`;
  }

  protected ternary(t: IntType, depth: number): string {
    const r = this.rng;
    const c = r.chance(0.2) ? this.intCondition(depth - 1) : this.cond(depth - 1);
    // Narrow results are converted explicitly: the subset does not say whether
    // `c ? a : b` of two u8 values is u8 or (as in C) i32; 32- and 64-bit
    // ones have exactly the type of both branches.
    const branches = `${c} ? ${this.expr(t, depth - 1, true)} : ${this.expr(t, depth - 1, true)}`;
    return INFO[t].bits >= 32 ? `(${branches})` : `${t}(${branches})`;
  }

  protected tableRead(t: IntType, depth: number): string {
    const tables = this.tables.filter((x) => x.type === t);
    if (tables.length === 0) return this.binary(t, depth);
    const tb = this.rng.pick(tables);
    const idxType = this.rng.pick(NUMBER_TYPES);
    return `${tb.name}[${this.operand(idxType, depth - 1)} & ${tb.length - 1}]`;
  }

  protected call(t: IntType, depth: number): string {
    const hs = this.helpers.filter((h) => h.ret === t);
    if (hs.length === 0 || this.callBudget <= 0) return this.binary(t, depth);
    this.callBudget--;
    const h = this.rng.pick(hs);
    const table = this.fnTables.find((f) => f.ret === t && f.params.join() === h.params.join());
    const callee = table && this.rng.chance(0.6) ? `${table.name}[${this.operand(this.rng.pick(NUMBER_TYPES), depth - 1)} & 1]` : h.name;
    const args = h.params.map((p, i) =>
      i === 0 && h.depthFirst ? `u32(${this.operand(this.rng.pick(NUMBER_TYPES), depth - 1)} & 15)` : this.argument(p, depth - 1),
    );
    return `${callee}(${args.join(", ")})`;
  }

  /** An argument for a parameter of type p: sometimes a narrower value that converts implicitly. */
  protected argument(p: IntType, depth: number): string {
    const narrower = NUMBER_TYPES.filter((n) => (WIDENS_TO[n] ?? []).includes(p));
    if (narrower.length > 0 && this.rng.chance(0.3)) return this.expr(this.rng.pick(narrower), depth);
    return this.expr(p, depth);
  }

  /** A bool expression. */
  cond(depth: number): string {
    const r = this.rng;
    const bools = this.varsOf("bool");
    if (depth <= 0 || r.chance(0.1)) {
      if (bools.length > 0 && r.chance(0.5)) return r.pick(bools).name;
      return this.compare(0);
    }
    const c = r.int(10);
    if (c < 5) return this.compare(depth);
    if (c < 6) return `!(${this.cond(depth - 1)})`;
    if (c < 8) return `(${this.cond(depth - 1)} ${r.pick(["&&", "||"])} ${this.cond(depth - 1)})`;
    if (c < 9 && bools.length > 0) return r.pick(bools).name;
    // comparisons of bools compare comparisons: TypeScript narrows bool
    // variables inside conditions and rejects comparing `true` with `false`
    return `(${this.compare(depth - 1)} ${r.pick(["===", "!=="])} ${this.compare(depth - 1)})`;
  }

  protected compatibleForCompare(a: IntType): IntType {
    const r = this.rng;
    const ia = INFO[a];
    if (ia.big) return ia.signed ? "i64" : "u64";
    const ok = NUMBER_TYPES.filter((b) => {
      const ib = INFO[b];
      if (ib.signed === ia.signed) return true;
      if (ia.bits <= 16 && ib.bits <= 16) return true;
      const unsigned = ia.signed ? ib : ia;
      const signed = ia.signed ? ia : ib;
      return unsigned.bits <= 16 && signed.bits === 32;
    });
    return r.pick(ok);
  }

  /** An integer used as a condition (true when not 0). */
  protected intCondition(depth: number): string {
    this.noEnum++;
    try {
      return this.expr(this.rng.pick(ALL), depth);
    } finally {
      this.noEnum--;
    }
  }

  protected compare(depth: number): string {
    this.noEnum++;
    try {
      return this.compareInner(depth);
    } finally {
      this.noEnum--;
    }
  }

  protected compareInner(depth: number): string {
    const r = this.rng;
    const a = r.pick(ALL);
    const b = this.compatibleForCompare(a);
    const op = r.pick(["<", "<=", ">", ">=", "===", "!==", "==", "!="]);
    const x = this.expr(a, depth - 1);
    // One side may be an untyped constant (it takes the other side's type),
    // but not both, and not against a bare variable: TypeScript narrows a
    // variable compared with a literal and then rejects comparing it with
    // another literal (`(v !== 3) || (v == 91)`).
    const bareVar = /^[A-Za-z_]\w*$/.test(x);
    const y = !bareVar && r.chance(0.2) ? this.formatLiteral(BigInt(r.range(0, 100)), INFO[a].big) : this.expr(b, depth - 1);
    return `(${x} ${op} ${y})`;
  }
}
