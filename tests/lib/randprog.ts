// A seeded generator of random programs in the integer subset, for the
// differential tests (tests/compiler-diff.test.ts): each program must print
// the same lines under Node (tests/lib/node-prelude.ts) and compiled.
//
// Every generated expression of type T evaluates, under JavaScript, to a value
// in T's range, so JavaScript and C agree on it. The rules that keep it so
// (docs/subset.md, "Running under Node"):
//  * every arithmetic result is wrapped explicitly: `u8(a + b)`; a 64-bit
//    result is computed from 64-bit operands (`u64(u64(a) + u64(b))`, never
//    `u64(a + b)` on 32-bit operands, which C computes in 32 bits);
//  * a multiplication of 32-bit operands is widened to 64 bits first so the
//    JavaScript double stays exact;
//  * divisors are never 0 (and never -1, so INT_MIN / -1 cannot trap), and
//    the operands of / and % with a 32-bit side have the same type (C's usual
//    conversions would turn -7 / 2u into an unsigned division);
//  * shift counts are in range (0..31; -63..63 for 64-bit shifts, where a
//    negative count shifts the other way) and `>>` is not used on u32;
//  * comparisons never mix signed and unsigned 32/64-bit operands;
//  * compound assignments, ++ and -- only where JavaScript cannot leave the
//    type's range (bitwise &= |= ^= on same-typed operands, loop counters);
//  * in most programs nothing depends on the order of evaluation inside one
//    statement: helpers may print but never write module state, and a
//    statement calls at most one helper. The others ("order-dependent",
//    about a third) let helpers write module variables and tables and call
//    up to three helpers per statement, so the compiled program must
//    evaluate operands and arguments left to right as JavaScript does
//    (tests/programs/diff/eval_order.ts checks the same by hand).
// Loops have small constant bounds and helpers only call earlier helpers, so
// every program terminates.

export type IntType = "u8" | "u16" | "u32" | "usize" | "i8" | "i16" | "i32" | "u64" | "i64";

interface TypeInfo {
  bits: number;
  signed: boolean;
  big: boolean;
}

const INFO: Record<IntType, TypeInfo> = {
  u8: { bits: 8, signed: false, big: false },
  u16: { bits: 16, signed: false, big: false },
  u32: { bits: 32, signed: false, big: false },
  usize: { bits: 32, signed: false, big: false },
  i8: { bits: 8, signed: true, big: false },
  i16: { bits: 16, signed: true, big: false },
  i32: { bits: 32, signed: true, big: false },
  u64: { bits: 64, signed: false, big: true },
  i64: { bits: 64, signed: true, big: true },
};

const ALL: IntType[] = ["u8", "u16", "u32", "usize", "i8", "i16", "i32", "u64", "i64"];
const NUMBER_TYPES: IntType[] = ["u8", "u16", "u32", "usize", "i8", "i16", "i32"];
const BIG_TYPES: IntType[] = ["u64", "i64"];

/** Implicit conversions that the subset allows between number types. */
const WIDENS_TO: Partial<Record<IntType, IntType[]>> = {
  u8: ["u16", "u32", "usize", "i16", "i32"],
  u16: ["u32", "usize", "i32"],
  i8: ["i16", "i32"],
  i16: ["i32"],
  u32: ["usize"],
  usize: ["u32"],
};

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  bigBits(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(this.int(65536));
    return BigInt.asUintN(bits, v);
  }
}

interface Var {
  name: string;
  type: IntType | "bool";
  /** Loop counters are never assigned by generated statements. */
  readonly: boolean;
}

interface Helper {
  name: string;
  params: IntType[];
  ret: IntType;
  /** The first argument is a recursion depth: kept small. */
  depthFirst?: boolean;
}

interface Table {
  name: string;
  type: IntType;
  /** A power of two. */
  length: number;
  writable: boolean;
}

/** Generates one program: top-level declarations and the function `prog_K()`. */
class ProgramGen {
  private out: string[] = [];
  private decls: string[] = [];
  private scopes: Var[][] = [[]];
  private helpers: Helper[] = [];
  private tables: Table[] = [];
  private fnTables: { name: string; params: IntType[]; ret: IntType }[] = [];
  private consts: { name: string; big: boolean }[] = [];
  /** Members of the program's const enum (underlying type i32). */
  private enumMembers: string[] = [];
  /** Generating a comparison or a condition: no enum members (TypeScript
   *  narrows on them, and rejects a constant condition). */
  private noEnum = 0;
  private counter = 0;
  private loopDepth = 0;
  private labels: string[] = [];
  private indent = 1;
  private globalVars: Var[] = [];
  /** Helper calls the current statement may still make. */
  private callBudget = 1;
  /** Inside a helper: module variables and tables are read-only. */
  private inHelper = false;
  /** Helpers may change module state and statements may call several. */
  private readonly orderDependent: boolean;

  constructor(
    private readonly rng: Rng,
    private readonly k: string,
  ) {
    this.orderDependent = rng.chance(0.35);
  }

  private resetCallBudget(): void {
    this.callBudget = this.orderDependent ? 3 : 1;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.k}_${this.counter++}`;
  }

  private emit(line: string): void {
    this.out.push("  ".repeat(this.indent) + line);
  }

  // ---- literals ------------------------------------------------------------

  private literalValue(t: IntType): bigint {
    const { bits, signed } = INFO[t];
    const r = this.rng;
    const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
    const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
    switch (r.int(6)) {
      case 0:
        return BigInt(r.range(0, 10));
      case 1:
        return r.chance(0.5) ? min : max;
      case 2:
        return signed ? BigInt(r.range(-10, -1)) : max - BigInt(r.range(0, 5));
      case 3: {
        const v = BigInt(r.range(0, 200));
        return v > max ? v - 100n : v;
      }
      default: {
        const u = r.bigBits(bits);
        return signed ? BigInt.asIntN(bits, u) : u;
      }
    }
  }

  private formatLiteral(v: bigint, big: boolean): string {
    const neg = v < 0n;
    const mag = neg ? -v : v;
    let text: string;
    const style = this.rng.int(8);
    if (style === 0 && mag > 9n) text = "0x" + mag.toString(16);
    else if (style === 1 && mag > 1n && mag < 1n << 16n) text = "0b" + mag.toString(2);
    else if (style === 2 && mag > 7n && mag < 1n << 24n) text = "0o" + mag.toString(8);
    else text = mag.toString();
    if (big) text += "n";
    return neg ? `-${text}` : text;
  }

  /** A literal of type t, converted explicitly so that its type is t wherever it is used. */
  private typedLiteral(t: IntType): string {
    return `${t}(${this.formatLiteral(this.literalValue(t), INFO[t].big)})`;
  }

  // ---- variables -----------------------------------------------------------

  private visible(): Var[] {
    return this.scopes.flat();
  }

  private varsOf(t: IntType | "bool", writable = false): Var[] {
    return this.visible().filter((v) => v.type === t && (!writable || !v.readonly));
  }

  private declare(v: Var): void {
    this.scopes[this.scopes.length - 1]!.push(v);
  }

  // ---- expressions -----------------------------------------------------------

  /** An expression whose compiled type is exactly t and whose JS value is in t's range. */
  expr(t: IntType, depth: number, exact = false): string {
    const r = this.rng;
    if (depth <= 0 || r.chance(0.18)) return this.leaf(t, exact);
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
  private anyExpr(depth: number, avoid: IntType): string {
    let s = this.rng.pick(ALL);
    if (s === avoid && this.rng.chance(0.5)) s = this.rng.pick(ALL);
    return this.expr(s, depth);
  }

  /** A variable or a typed literal; unless `exact`, possibly a variable of a
   *  narrower type that converts implicitly to t. */
  private leaf(t: IntType, exact: boolean): string {
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
  private operand(t: IntType, depth: number): string {
    const r = this.rng;
    const big = INFO[t].big;
    if (r.chance(0.12)) return this.formatLiteral(BigInt(r.range(0, 127)), big);
    const consts = this.consts.filter((c) => c.big === big);
    if (consts.length > 0 && r.chance(0.08)) return r.pick(consts).name;
    const e = this.expr(t, depth);
    return /^[\w.]+$/.test(e) || /^\w+\(.*\)$/.test(e) ? e : `(${e})`;
  }

  private binary(t: IntType, depth: number): string {
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

  private shiftCount(big: boolean, depth: number): string {
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

  private shift(t: IntType, depth: number): string {
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

  private unary(t: IntType, depth: number): string {
    const r = this.rng;
    const op = r.pick(["-", "~"]);
    const a = INFO[t].big ? r.pick(BIG_TYPES) : r.pick(r.chance(0.2) ? BIG_TYPES : NUMBER_TYPES);
    return `${t}(${op}${this.operand(a, depth - 1)})`;
  }

  /** A divisor of type d that is never 0 and never -1. */
  private divisor(d: IntType, depth: number): string {
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

  private divide(t: IntType, depth: number): string {
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

  private ternary(t: IntType, depth: number): string {
    const r = this.rng;
    const c = r.chance(0.2) ? this.intCondition(depth - 1) : this.cond(depth - 1);
    // Narrow results are converted explicitly: the subset does not say whether
    // `c ? a : b` of two u8 values is u8 or (as in C) i32; 32- and 64-bit
    // ones have exactly the type of both branches.
    const branches = `${c} ? ${this.expr(t, depth - 1, true)} : ${this.expr(t, depth - 1, true)}`;
    return INFO[t].bits >= 32 ? `(${branches})` : `${t}(${branches})`;
  }

  private tableRead(t: IntType, depth: number): string {
    const tables = this.tables.filter((x) => x.type === t);
    if (tables.length === 0) return this.binary(t, depth);
    const tb = this.rng.pick(tables);
    const idxType = this.rng.pick(NUMBER_TYPES);
    return `${tb.name}[${this.operand(idxType, depth - 1)} & ${tb.length - 1}]`;
  }

  private call(t: IntType, depth: number): string {
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

  /** A type alias of a helper's signature, a second helper of that type and
   *  a read-only table of both, called through the table. */
  private functionTable(index: number): void {
    const first = this.helpers[this.helpers.length - 1]!;
    const second = this.helper(index, first);
    const type = `Fn${this.k}`;
    const name = `FT${this.k}`;
    this.decls.push(
      `type ${type} = (${first.params.map((p, i) => `p${i}: ${p}`).join(", ")}) => ${first.ret};`,
      `const ${name}: readonly ${type}[] = [${first.name}, ${second.name}];`,
    );
    this.fnTables.push({ name, params: first.params, ret: first.ret });
  }

  /** An argument for a parameter of type p: sometimes a narrower value that converts implicitly. */
  private argument(p: IntType, depth: number): string {
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

  private compatibleForCompare(a: IntType): IntType {
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
  private intCondition(depth: number): string {
    this.noEnum++;
    try {
      return this.expr(this.rng.pick(ALL), depth);
    } finally {
      this.noEnum--;
    }
  }

  private compare(depth: number): string {
    this.noEnum++;
    try {
      return this.compareInner(depth);
    } finally {
      this.noEnum--;
    }
  }

  private compareInner(depth: number): string {
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

  // ---- statements ------------------------------------------------------------

  private print(e: string): void {
    this.emit(`print(${e});`);
  }

  private block(body: () => void): void {
    this.indent++;
    this.scopes.push([]);
    body();
    this.scopes.pop();
    this.indent--;
  }

  private statements(n: number, depth: number): void {
    for (let i = 0; i < n; i++) this.statement(depth);
  }

  private statement(depth: number): void {
    const r = this.rng;
    this.resetCallBudget();
    const c = r.int(100);
    if (c < 22) return this.letStmt();
    if (c < 38) return this.assignStmt();
    if (c < 44) return this.compoundStmt();
    if (c < 51) return this.print(this.expr(r.pick(ALL), 3));
    if (c < 54 && this.helpers.length > 0) return this.print(this.call(r.pick(this.helpers).ret, 3));
    if (c < 58) return this.print(this.cond(2));
    if (c < 60) return this.arrayWrite();
    if (depth <= 0) return this.letStmt();
    if (c < 70) return this.ifStmt(depth);
    if (c < 78) return this.forStmt(depth);
    if (c < 83) return this.whileStmt(depth);
    if (c < 87) return this.doWhileStmt(depth);
    if (c < 92) return this.switchStmt(depth);
    if (c < 95) return this.labelledStmt(depth);
    if (this.loopDepth > 0) return this.jumpStmt();
    return this.letStmt();
  }

  private letStmt(): void {
    const r = this.rng;
    if (r.chance(0.15)) {
      const name = this.fresh("b");
      this.emit(`let ${name}: bool = ${this.cond(2)};`);
      this.declare({ name, type: "bool", readonly: false });
      this.print(name);
      return;
    }
    const t = r.pick(ALL);
    const name = this.fresh("v");
    let init: string;
    const narrower = NUMBER_TYPES.filter((n) => (WIDENS_TO[n] ?? []).includes(t));
    if (narrower.length > 0 && r.chance(0.2)) init = this.expr(r.pick(narrower), 3);
    else if (r.chance(0.15)) init = this.formatLiteral(this.literalValue(t), INFO[t].big);
    else init = this.expr(t, 3);
    const isConst = r.chance(0.2);
    this.emit(`${isConst ? "const" : "let"} ${name}: ${t} = ${init};`);
    this.declare({ name, type: t, readonly: isConst });
    if (r.chance(0.8)) this.print(name);
  }

  private writableVars(): Var[] {
    return this.visible().filter((v) => !v.readonly);
  }

  private assignStmt(): void {
    const vars = this.writableVars();
    if (vars.length === 0) return this.letStmt();
    const v = this.rng.pick(vars);
    if (v.type === "bool") this.emit(`${v.name} = ${this.cond(2)};`);
    else this.emit(`${v.name} = ${this.expr(v.type, 3)};`);
    this.print(v.name);
  }

  private compoundStmt(): void {
    // &= |= ^= stay in range for same-typed operands, except u32 (JavaScript
    // gives a signed 32-bit result)
    const vars = this.writableVars().filter((v) => v.type !== "bool" && v.type !== "u32" && v.type !== "usize");
    if (vars.length === 0) return this.assignStmt();
    const v = this.rng.pick(vars);
    const t = v.type as IntType;
    this.emit(`${v.name} ${this.rng.pick(["&=", "|=", "^="])} ${this.expr(t, 2)};`);
    this.print(v.name);
  }

  private arrayWrite(): void {
    const tables = this.tables.filter((t) => t.writable);
    if (tables.length === 0 || (this.inHelper && !this.orderDependent)) return this.assignStmt();
    const tb = this.rng.pick(tables);
    const idx = `${this.operand(this.rng.pick(NUMBER_TYPES), 1)} & ${tb.length - 1}`;
    this.emit(`${tb.name}[${idx}] = ${this.expr(tb.type, 2)};`);
    this.print(`${tb.name}[${this.rng.range(0, tb.length - 1)}]`);
  }

  private ifStmt(depth: number): void {
    const r = this.rng;
    this.emit(`if (${r.chance(0.2) ? this.intCondition(2) : this.cond(2)}) {`);
    this.block(() => this.statements(r.range(1, 3), depth - 1));
    if (r.chance(0.5)) {
      this.emit("} else {");
      this.block(() => this.statements(r.range(1, 3), depth - 1));
    }
    this.emit("}");
  }

  private loopBody(depth: number): void {
    this.loopDepth++;
    this.block(() => this.statements(this.rng.range(1, 3), depth - 1));
    this.loopDepth--;
  }

  private counterType(): IntType {
    return this.rng.pick(["u32", "i32", "u8", "i16", "usize"] as IntType[]);
  }

  private forStmt(depth: number): void {
    const r = this.rng;
    const i = this.fresh("i");
    const t = this.counterType();
    this.emit(`for (let ${i}: ${t} = 0; ${i} < ${r.range(1, 4)}; ${i}++) {`);
    this.scopes.push([{ name: i, type: t, readonly: true }]);
    this.loopBody(depth);
    this.scopes.pop();
    this.emit("}");
  }

  private whileStmt(depth: number): void {
    const r = this.rng;
    const w = this.fresh("w");
    const t = this.counterType();
    this.emit(`let ${w}: ${t} = 0;`);
    this.declare({ name: w, type: t, readonly: true });
    this.emit(`while (${w} < ${r.range(1, 4)}) {`);
    this.indent++;
    this.emit(`${w}++;`);
    this.indent--;
    this.loopBody(depth);
    this.emit("}");
  }

  private doWhileStmt(depth: number): void {
    const r = this.rng;
    const d = this.fresh("d");
    this.emit(`let ${d}: u32 = 0;`);
    this.declare({ name: d, type: "u32", readonly: true });
    this.emit("do {");
    this.indent++;
    this.emit(`${d}++;`);
    this.indent--;
    this.loopBody(depth);
    this.emit(`} while (${d} < ${r.range(1, 4)});`);
  }

  private switchStmt(depth: number): void {
    const r = this.rng;
    const t = r.pick(NUMBER_TYPES);
    this.emit(`switch (${this.expr(t, 2)} & 3) {`);
    const cases = [0, 1, 2, 3].filter(() => r.chance(0.7));
    const hasDefault = r.chance(0.6);
    const labels: string[] = cases.map((c) => `case ${c}:`);
    if (hasDefault) labels.splice(r.int(labels.length + 1), 0, "default:");
    this.indent++;
    for (const label of labels) {
      this.emit(label);
      if (r.chance(0.2)) continue; // an empty case: grouped with the next one
      const braces = r.chance(0.5);
      if (braces) this.emit("{");
      this.block(() => {
        this.statements(r.range(1, 2), depth - 1);
        // a non-empty case without break falls through
        if (r.chance(0.7)) this.emit("break;");
      });
      if (braces) this.emit("}");
    }
    this.indent--;
    this.emit("}");
  }

  private labelledStmt(depth: number): void {
    const r = this.rng;
    const label = this.fresh("L");
    const i = this.fresh("i");
    const j = this.fresh("j");
    this.emit(`${label}: for (let ${i}: u32 = 0; ${i} < ${r.range(2, 4)}; ${i}++) {`);
    this.indent++;
    this.scopes.push([{ name: i, type: "u32", readonly: true }]);
    this.emit(`for (let ${j}: u32 = 0; ${j} < ${r.range(2, 4)}; ${j}++) {`);
    this.scopes.push([{ name: j, type: "u32", readonly: true }]);
    this.labels.push(label);
    this.loopBody(depth);
    this.indent++;
    this.emit(`if (${this.cond(1)}) ${r.pick(["continue", "break"])} ${label};`);
    this.indent--;
    this.labels.pop();
    this.scopes.pop();
    this.emit("}");
    this.scopes.pop();
    this.indent--;
    this.emit("}");
  }

  private jumpStmt(): void {
    const r = this.rng;
    const target = this.labels.length > 0 && r.chance(0.3) ? ` ${r.pick(this.labels)}` : "";
    this.emit(`if (${this.cond(1)}) ${r.pick(["break", "continue"])}${target};`);
  }

  // ---- top level -------------------------------------------------------------

  private helper(index: number, signature?: { params: IntType[]; ret: IntType }): Helper {
    const r = this.rng;
    const name = `h${this.k}_${index}`;
    const params = signature?.params ?? Array.from({ length: r.range(0, 3) }, () => r.pick(ALL));
    const ret = signature?.ret ?? r.pick(ALL);
    const saved = this.out;
    this.out = [];
    this.indent = 1;
    this.scopes = [this.orderDependent ? this.globalVars : this.globalVars.map((v) => ({ ...v, readonly: true })), []];
    this.inHelper = true;
    params.forEach((p, i) => this.declare({ name: `p${i}`, type: p, readonly: false }));
    this.statements(r.range(1, 4), 1);
    this.resetCallBudget();
    const retExpr = r.chance(0.2) && this.varsOf(ret).length === 0 ? this.typedLiteral(ret) : this.expr(ret, 3);
    this.emit(`return ${retExpr};`);
    const body = this.out;
    this.out = saved;
    this.inHelper = false;
    this.decls.push(`function ${name}(${params.map((p, i) => `p${i}: ${p}`).join(", ")}): ${ret} {`, ...body, "}");
    // registered after its body: helpers only call earlier helpers
    const h: Helper = { name, params, ret };
    this.helpers.push(h);
    return h;
  }

  private recursiveHelper(): void {
    const r = this.rng;
    const t = r.pick(ALL);
    const name = `rec${this.k}`;
    const big = INFO[t].big;
    const step = big ? `${t}(acc * 3n + ${t}(n))` : `${t}(${r.pick(BIG_TYPES)}(acc) * 3n + u64(n))`;
    this.decls.push(
      `function ${name}(n: u32, acc: ${t}): ${t} {`,
      `  if (n === 0) return acc;`,
      `  return ${name}(n - 1, ${step});`,
      `}`,
    );
    this.helpers.push({ name, params: ["u32", t], ret: t, depthFirst: true });
  }

  private globals(): void {
    const r = this.rng;
    if (r.chance(0.3)) {
      const name = `E${this.k}`;
      const members: string[] = [];
      let next = r.range(-50, 50);
      for (let i = 0; i < r.range(1, 4); i++) {
        const explicit = r.chance(0.5);
        if (explicit) next = r.range(-100, 100);
        members.push(explicit ? `M${i} = ${next}` : `M${i}`);
        this.enumMembers.push(`${name}.M${i}`);
        next++;
      }
      // the first member needs a value when the numbering does not start at 0
      if (!members[0]!.includes("=")) members[0] = `M0 = ${next - members.length}`;
      this.decls.push(`const enum ${name} {`, ...members.map((m) => `  ${m},`), "}");
    }
    const nGlobals = r.range(0, 3);
    for (let i = 0; i < nGlobals; i++) {
      const t = r.pick(ALL);
      const name = `g${this.k}_${i}`;
      this.decls.push(`let ${name}: ${t} = ${this.formatLiteral(this.literalValue(t), INFO[t].big)};`);
      this.scopes[0]!.push({ name, type: t, readonly: false });
    }
    const nConsts = r.range(0, 2);
    for (let i = 0; i < nConsts; i++) {
      const big = r.chance(0.3);
      const name = `K${this.k}_${i}`;
      this.decls.push(`const ${name} = ${this.formatLiteral(BigInt(r.range(0, 127)), big)};`);
      this.consts.push({ name, big });
    }
    const nTables = r.range(0, 2);
    for (let i = 0; i < nTables; i++) {
      const t = r.pick(ALL);
      const length = r.pick([2, 4, 8]);
      const writable = r.chance(0.5);
      const name = `${writable ? "a" : "T"}${this.k}_${i}`;
      const values = Array.from({ length }, () => this.formatLiteral(this.literalValue(t), INFO[t].big));
      const type = writable ? `Arr<${t}, ${length}>` : `readonly ${t}[]`;
      this.decls.push(`const ${name}: ${type} = [${values.join(", ")}];`);
      this.tables.push({ name, type: t, length, writable });
    }
  }

  generate(): { decls: string; fn: string } {
    const r = this.rng;
    this.globals();
    this.globalVars = [...this.scopes[0]!];
    if (r.chance(0.3)) this.recursiveHelper();
    const nHelpers = r.range(0, 3);
    for (let i = 0; i < nHelpers; i++) this.helper(i);
    if (nHelpers > 0 && r.chance(0.5)) this.functionTable(nHelpers);
    this.scopes = [this.globalVars, []];
    this.out = [];
    this.indent = 1;
    this.statements(r.range(6, 14), 3);
    const numeric = this.visible().filter((v) => v.type !== "bool");
    const result = numeric.length > 0 ? `u32(${r.pick(numeric).name})` : "0";
    this.emit(`return ${result};`);
    const fn = [`function prog${this.k}(): u32 {`, ...this.out, "}"].join("\n");
    return { decls: this.decls.join("\n"), fn };
  }
}

/** The function name of program k in a batch. */
export function programFunction(k: number): string {
  return `prog${k}`;
}

/** The marker line main prints before running program k. */
export function programMarker(k: number, seed: number): string {
  return `== prog ${k} seed ${seed}`;
}

/**
 * A module holding one random program per seed, each in its own function
 * `progK` with its own helpers and module state, and a main that runs them in
 * order, printing a marker line before each and its result after it.
 */
export function generateModule(seeds: readonly number[]): string {
  const parts: string[] = [
    "// Generated by tests/lib/randprog.ts: random programs of the integer subset.",
    `// seeds: ${seeds.join(" ")}`,
    "",
  ];
  const calls: string[] = [];
  seeds.forEach((seed, k) => {
    const { decls, fn } = new ProgramGen(new Rng(seed), String(k)).generate();
    parts.push(`// ---- program ${k}, seed ${seed}`, decls, fn, "");
    calls.push(`  print("${programMarker(k, seed)}");`, `  acc = u32(acc + ${programFunction(k)}());`, "  print(acc);");
  });
  parts.push("export function main(): i32 {", "  let acc: u32 = 0;", ...calls, "  return i32(acc & 127);", "}", "");
  return parts.join("\n");
}
