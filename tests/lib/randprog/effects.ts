// The effect patterns of the random programs (issue 12, bugs 1-3): helpers
// that write module state which the same statement reads elsewhere, so that
// only JavaScript's order of evaluation gives the right answer.
//
//  * assignment targets with effects and pure values that read the written
//    state: `a[fx() & 3] = u8(g + 1)` where fx() writes g;
//  * callee variables reassigned inside the arguments, module-level
//    (`hm(sw())`, where sw() sets hm) and local (`hv((hv = q1)(x))`);
//  * compound lvalues with calls in several parts, `pick().v[fx() & 3] = ...`,
//    `pick().f ^= ...`, and compound assignments and ++/-- on them;
//  * operands that read state next to a call that writes it, `u32(g + fx())`.
//
// Values stay in range under JavaScript: data fields and tables are assigned
// wrapped values or combined with & | ^ (never on u32, where JavaScript's
// result is signed); the counters (`n`, `hits`, `acc`) only grow by bounded
// amounts (`+= u8(...)`, `++`; an i64 `acc` also shrinks), so with the small
// loop bounds they never reach the end of their range. After each effect
// statement, and at the end of the program, `check()` prints a hash of all
// the state.

import { StmtGen } from "./stmt.js";
import { BIG_TYPES, INFO, IntType, NUMBER_TYPES } from "./types.js";
import type { Table } from "./types.js";

interface Struct {
  name: string;
  a: string;
  b: string;
  f: IntType;
  v: IntType;
  acc: "u64" | "i64";
}

interface Callees {
  type: string;
  t: IntType;
  fns: string[];
  /** The module-level callee variable, and the helper that reassigns it. */
  module: string;
  swap: string;
}

const SLOTS = 4;

export abstract class EffectGen extends StmtGen {
  private fx: { name: string; ret: IntType }[] = [];
  private st: Struct | null = null;
  private pickName = "";
  private sel = "";
  private checkName = "";
  private callees: Callees | null = null;
  /** Module variables the effect helpers write. */
  private state: { name: string; type: IntType }[] = [];
  /** Local callee variables of the function being generated (declared at its top level). */
  protected localFns: string[] = [];
  /** Generating an effect helper's body: no effect patterns inside (no cycles). */
  private quiet = 0;
  private effectCalls = 0;

  protected override resetCallBudget(): void {
    super.resetCallBudget();
    this.effectCalls = 3;
  }

  // ---- declarations ----------------------------------------------------------

  /** Module state, the effect helpers and the callee functions (after globals(), before the helpers). */
  protected effectDecls(): void {
    const r = this.rng;
    this.quiet++;
    for (let i = 0; i < r.range(1, 2); i++) {
      const type = r.pick(ALL_INT);
      const name = `e${this.k}_${i}`;
      this.decls.push(`let ${name}: ${type} = ${this.typedLiteral(type)};`);
      this.scopes[0]!.push({ name, type, readonly: false });
    }
    this.state = this.scopes[0]!.filter((v) => v.type !== "bool").map((v) => ({ name: v.name, type: v.type as IntType }));
    this.structDecls();
    for (let i = 0; i < r.range(1, 3); i++) this.fxHelper(i);
    this.calleeDecls();
    this.checkDecl();
    this.quiet--;
  }

  private structDecls(): void {
    const r = this.rng;
    const s: Struct = { name: `S${this.k}`, a: `sa${this.k}`, b: `sb${this.k}`, f: r.pick(ALL_INT), v: r.pick(ALL_INT), acc: r.pick(["u64", "i64"] as const) };
    this.decls.push(`interface ${s.name} { f: ${s.f}; v: Arr<${s.v}, ${SLOTS}>; n: u32; acc: ${s.acc}; hits: Arr<u32, ${SLOTS}>; }`);
    for (const name of [s.a, s.b]) {
      const lit = (t: IntType) => this.formatLiteral(this.literalValue(t), INFO[t].big);
      const v = Array.from({ length: SLOTS }, () => lit(s.v)).join(", ");
      this.decls.push(`const ${name}: ${s.name} = { f: ${lit(s.f)}, v: [${v}], n: ${r.range(0, 9)}, acc: ${r.range(0, 9)}n, hits: [0, 0, 0, 0] };`);
    }
    this.st = s;
    this.sel = `sel${this.k}`;
    this.pickName = `pick${this.k}`;
    this.decls.push(`let ${this.sel}: u32 = 0;`);
    const body = [`  ${this.sel}++;`];
    if (r.chance(0.6)) body.push(`  ${this.write()}`);
    body.push(`  if ((${this.sel} & ${r.pick([1, 2, 3])}) === 0) return ${s.a};`, `  return ${s.b};`);
    this.decls.push(`function ${this.pickName}(): ${s.name} {`, ...body, "}");
  }

  /** `fxK_i(): T` writes one or two pieces of module state and returns a value read from it. */
  private fxHelper(i: number): void {
    const r = this.rng;
    const name = `fx${this.k}_${i}`;
    const ret = r.pick(NUMBER_TYPES);
    const body = Array.from({ length: r.range(1, 2) }, () => `  ${this.write()}`);
    body.push(`  return ${this.readingState(ret)};`);
    this.decls.push(`function ${name}(): ${ret} {`, ...body, "}");
    this.fx.push({ name, ret });
  }

  /** One write of module state, as a statement (no calls: used in the effect helpers). */
  private write(): string {
    const r = this.rng;
    const s = this.st;
    const c = r.int(6);
    if (c < 1 && s) return `${r.pick([s.a, s.b])}.f = ${this.readingState(s.f)};`;
    if (c < 2 && s) return `${r.pick([s.a, s.b])}.v[${r.int(SLOTS)}] = ${this.readingState(s.v)};`;
    if (c < 3 && s) return `${r.pick([s.a, s.b])}.n++;`;
    const tables = this.tables.filter((t) => t.writable);
    if (c < 4 && tables.length > 0) {
      const tb = r.pick(tables);
      return `${tb.name}[${r.int(tb.length)}] = ${this.readingState(tb.type)};`;
    }
    const v = r.pick(this.state);
    return `${v.name} = ${this.readingState(v.type)};`;
  }

  /** Callee functions of one type `(p0: T) => T`, a module-level variable of it, and a helper that reassigns it. */
  private calleeDecls(): void {
    const r = this.rng;
    const t = r.pick(NUMBER_TYPES);
    const c: Callees = { type: `G${this.k}`, t, fns: [], module: `hm${this.k}`, swap: `sw${this.k}` };
    this.decls.push(`type ${c.type} = (p0: ${t}) => ${t};`);
    for (let j = 0; j < 3; j++) {
      const name = `q${this.k}_${j}`;
      const body = r.chance(0.4) ? [`  ${this.write()}`] : [];
      this.decls.push(`function ${name}(p0: ${t}): ${t} {`, ...body, `  return ${t}(p0 ${r.pick(["+", "^", "-"])} ${r.range(1, 100) * (j + 1)});`, "}");
      c.fns.push(name);
    }
    this.decls.push(`let ${c.module}: ${c.type} = ${c.fns[0]};`);
    this.decls.push(`function ${c.swap}(): ${t} {`, `  ${c.module} = ${r.pick(c.fns)};`, `  return ${this.readingState(t)};`, "}");
    this.callees = c;
  }

  /** `checkK(): u64`, a hash of all the state the effect patterns touch. */
  private checkDecl(): void {
    this.checkName = `check${this.k}`;
    const s = this.st!;
    const parts = [this.sel, ...this.state.map((v) => v.name)];
    for (const x of [s.a, s.b]) {
      parts.push(`${x}.f`, `${x}.n`, `${x}.acc`);
      for (let i = 0; i < SLOTS; i++) parts.push(`${x}.v[${i}]`, `${x}.hits[${i}]`);
    }
    for (const tb of this.tables.filter((t) => t.writable)) for (let i = 0; i < tb.length; i++) parts.push(`${tb.name}[${i}]`);
    this.decls.push(
      `function ${this.checkName}(): u64 {`,
      "  let h: u64 = 7n;",
      ...parts.map((p) => `  h = u64(h * 31n + u64(${p}));`),
      "  return h;",
      "}",
    );
  }

  /** A wrapped value of type t that reads module state (and no calls). */
  private readingState(t: IntType): string {
    const v = this.rng.pick(this.state.length > 0 ? this.state : [{ name: this.typedLiteral(t), type: t }]);
    return this.combine(t, v.name, this.expr(this.rng.pick(ALL_INT), 1));
  }

  /** `t(a op b)` for values of any integer types, computed exactly in JavaScript. */
  private combine(t: IntType, a: string, b: string): string {
    const r = this.rng;
    const op = r.pick(["+", "-", "&", "|", "^"]);
    const w = INFO[t].big ? r.pick(BIG_TYPES) : r.pick(["i32", "u32"] as IntType[]);
    return `${t}(${w}(${a}) ${op} ${w}(${b}))`;
  }

  // ---- expressions -----------------------------------------------------------

  protected override effectExpr(t: IntType, depth: number): string | null {
    if (this.quiet > 0 || !this.st || this.effectCalls <= 0) return null;
    const r = this.rng;
    const s = this.st;
    this.effectCalls--;
    const c = r.int(10);
    const state = r.pick(this.state.length > 0 ? this.state.map((v) => v.name) : [`${s.a}.n`]);
    if (c < 3) {
      // an operand that reads state next to a call that writes it, either side
      const call = `${this.fxCall()}`;
      return r.chance(0.5) ? this.combine(t, state, call) : this.combine(t, call, state);
    }
    if (c < 6) {
      const cl = this.calleeCall(depth);
      return cl.t === t ? cl.c : `${t}(${cl.c})`;
    }
    if (c < 8) return r.chance(0.5) ? this.conv(t, `${this.pickName}().v[${this.index()}]`, s.v) : this.conv(t, `${this.pickName}().f`, s.f);
    if (c < 9) return this.conv(t, `${this.pickName}().hits[${this.index()}]${r.chance(0.5) ? "++" : ""}`, "u32");
    // `.length` of a receiver with effects: the receiver is still evaluated
    return this.conv(t, `${this.pickName}().v.length`, "usize");
  }

  private conv(t: IntType, e: string, from: IntType): string {
    return t === from ? e : `${t}(${e})`;
  }

  private fxCall(): string {
    return `${this.rng.pick(this.fx).name}()`;
  }

  /** An index in 0..SLOTS-1 computed by a helper that writes state. */
  private index(): string {
    return `${this.fxCall()} & ${SLOTS - 1}`;
  }

  /** A call through a callee variable, reassigned in the arguments or not. */
  private calleeCall(depth: number): { c: string; t: IntType } {
    const r = this.rng;
    const c = this.callees!;
    const local = this.localFns.length > 0 && r.chance(0.6);
    const h = local ? r.pick(this.localFns) : c.module;
    const arg = () => this.expr(c.t, Math.min(depth - 1, 1));
    const other = r.pick(c.fns);
    switch (r.int(local ? 3 : 4)) {
      case 0: return { c: `${h}((${h} = ${other})(${arg()}))`, t: c.t };
      case 1: return { c: `(${h} = ${other})(${h}(${arg()}))`, t: c.t };
      case 2: return { c: `${h}(${arg()})`, t: c.t };
      default: return { c: `${h}(${c.swap}())`, t: c.t };
    }
  }

  // ---- statements ------------------------------------------------------------

  protected override effectStatement(depth: number): boolean {
    if (this.quiet > 0 || !this.st) return false;
    const r = this.rng;
    const s = this.st;
    const pick = `${this.pickName}()`;
    const c = r.int(12);
    if (c < 2 && this.scopes.length === 2 && !this.inHelper) {
      const name = this.fresh("hv");
      this.emit(`let ${name}: ${this.callees!.type} = ${r.pick(this.callees!.fns)};`);
      this.localFns.push(name);
      return true;
    }
    if (c < 4) {
      const cl = this.calleeCall(depth);
      this.print(cl.c);
    } else if (c < 6) {
      const tables = this.tables.filter((t) => t.writable);
      if (tables.length > 0 && r.chance(0.5)) this.tableWrite(r.pick(tables));
      else if (r.chance(0.5)) this.emit(`${pick}.v[${this.index()}] ${this.dataOp(s.v)} ${this.readingState(s.v)};`);
      else this.emit(`${pick}.f ${this.dataOp(s.f)} ${this.readingState(s.f)};`);
    } else if (c < 9) {
      this.counterStmt(pick);
    } else if (c < 10) {
      this.emit(`${this.callees!.module} = ${r.pick(this.callees!.fns)};`);
    } else {
      this.print(this.expr(r.pick(ALL_INT), 2));
    }
    this.print(`${this.checkName}()`);
    return true;
  }

  /** `=` for any type; & | ^ also, except on u32 (JavaScript's bitwise results are signed). */
  private dataOp(t: IntType): string {
    if (t === "u32" || t === "usize" || this.rng.chance(0.5)) return "=";
    return this.rng.pick(["&=", "|=", "^="]);
  }

  private tableWrite(tb: Table): void {
    this.emit(`${tb.name}[${this.fxCall()} & ${tb.length - 1}] ${this.dataOp(tb.type)} ${this.readingState(tb.type)};`);
  }

  /** A bounded change of a counter: n and hits grow, acc grows (an i64 one may shrink). */
  private counterStmt(pick: string): void {
    const r = this.rng;
    const s = this.st!;
    const state = () => r.pick(this.state.length > 0 ? this.state.map((v) => v.name) : [`${s.a}.n`]);
    const c = r.int(6);
    if (c === 0) this.emit(r.chance(0.5) ? `${pick}.n++;` : `++${pick}.n;`);
    else if (c === 1) this.emit(`${pick}.n += u8(${state()});`);
    else if (c === 2) this.emit(r.chance(0.5) ? `${pick}.hits[${this.index()}]++;` : `${pick}.hits[${this.index()}] += u8(${state()});`);
    else if (c === 3) this.emit(`${pick}.acc += ${s.acc}(${s.acc === "u64" ? "u32" : "i32"}(${state()}));`);
    else if (c === 4 && s.acc === "i64") this.emit(r.chance(0.5) ? `${pick}.acc -= i64(i32(${state()}));` : `${pick}.acc--;`);
    else this.print(`${pick}.acc++`);
  }

  /** The end of the program: the final state. */
  protected effectSummary(): void {
    if (this.st) this.print(`${this.checkName}()`);
  }
}

const ALL_INT: IntType[] = [...NUMBER_TYPES, ...BIG_TYPES];
