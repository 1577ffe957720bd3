// The module state of the effect patterns (randprog/effects.ts): state
// variables, two structs and the helpers that pick one, a reference variable
// and the helper that swaps it, helpers that write state and return a value
// read from it, callee functions and a module-level variable of their type,
// and check(), a hash of all of it.

import { StmtGen } from "./stmt.js";
import { BIG_TYPES, INFO, IntType, NUMBER_TYPES } from "./types.js";

export const ALL_INT: IntType[] = [...NUMBER_TYPES, ...BIG_TYPES];
/** Elements of the structs' arrays. */
export const SLOTS = 4;

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

export abstract class EffectState extends StmtGen {
  protected fx: { name: string; ret: IntType }[] = [];
  protected st: Struct | null = null;
  protected pickName = "";
  protected sel = "";
  protected cur = "";
  protected swapCur = "";
  protected checkName = "";
  protected callees: Callees | null = null;
  /** Module variables the effect helpers write. */
  protected state: { name: string; type: IntType }[] = [];
  /** Local callee and struct reference variables of the function being
   *  generated (declared at its top level, so every later statement sees them). */
  protected localFns: string[] = [];
  protected localRefs: string[] = [];
  /** Generating an effect helper's body: no effect patterns inside (no cycles). */
  protected quiet = 0;
  protected effectCalls = 0;

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
    this.cur = `cur${this.k}`;
    this.swapCur = `swc${this.k}`;
    this.decls.push(`let ${this.sel}: u32 = 0;`, `let ${this.cur}: ${s.name} = ${s.a};`);
    // Which struct pick() returns depends on state other helpers write (cur, the state variables).
    const body = [`  ${this.sel}++;`];
    if (r.chance(0.6)) body.push(`  ${this.write()}`);
    const mixed = this.state.length > 0 ? `u32(${this.sel} + u32(${r.pick(this.state).name}))` : this.sel;
    body.push(`  if ((${mixed} & ${r.pick([1, 2, 3])}) === 0) return ${r.pick([s.a, s.b])};`, `  return ${this.cur};`);
    this.decls.push(`function ${this.pickName}(): ${s.name} {`, ...body, "}");
    // swcK() swaps the struct a module-level reference variable points to.
    const t = r.pick(NUMBER_TYPES);
    const swap = [`  if (${this.cur} === ${s.a}) ${this.cur} = ${s.b};`, `  else ${this.cur} = ${s.a};`];
    if (r.chance(0.5)) swap.push(`  ${this.write()}`);
    this.decls.push(`function ${this.swapCur}(): ${t} {`, ...swap, `  return ${this.readingState(t)};`, "}");
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
    const parts = [this.sel, `${this.cur} === ${s.a}`, ...this.state.map((v) => v.name)];
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
  protected readingState(t: IntType): string {
    const v = this.rng.pick(this.state.length > 0 ? this.state : [{ name: this.typedLiteral(t), type: t }]);
    return this.combine(t, v.name, this.expr(this.rng.pick(ALL_INT), 1));
  }

  /** `t(a op b)` for values of any integer types, computed exactly in JavaScript. */
  protected combine(t: IntType, a: string, b: string): string {
    const r = this.rng;
    const op = r.pick(["+", "-", "&", "|", "^"]);
    const w = INFO[t].big ? r.pick(BIG_TYPES) : r.pick(["i32", "u32"] as IntType[]);
    return `${t}(${w}(${a}) ${op} ${w}(${b}))`;
  }

  protected conv(t: IntType, e: string, from: IntType): string {
    return t === from ? e : `${t}(${e})`;
  }
}

