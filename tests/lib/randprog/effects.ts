// The effect patterns of the random programs (issue 12, bugs 1-3): helpers
// that write module state which the same statement reads elsewhere, so that
// only JavaScript's order of evaluation gives the right answer.
//
//  * assignment targets with effects and pure values that read the written
//    state: `a[fx() & 3] = u8(g + 1)` where fx() writes g;
//  * callee variables reassigned inside the arguments, module-level
//    (`hm(sw())`, where sw() sets hm) and local (`hv((hv = q1)(x))`);
//  * compound lvalues with calls in several parts, `pick().v[fx() & 3] = ...`,
//    `pick().f ^= ...`, and compound assignments and ++/-- on them; also with
//    a receiver variable that the index reassigns, `lr.v[(lr = sb).n & 3]++`,
//    `cur.hits[swc() & 3]++` (swc() swaps the module-level cur);
//  * operands that read state next to a call that writes it, `u32(g + fx())`;
//  * `.length` of a receiver with effects, `pick().v.length`.
//
// Values stay in range under JavaScript: data fields and tables are assigned
// wrapped values or combined with & | ^ (never on u32, where JavaScript's
// result is signed); the counters (`n`, `hits`, `acc`) only grow by bounded
// amounts (`+= u8(...)`, `++`; an i64 `acc` also shrinks), so with the small
// loop bounds they never reach the end of their range. After each effect
// statement, and at the end of the program, `check()` prints a hash of all
// the state (randprog/effect-state.ts declares it).

import { ALL_INT, EffectState, SLOTS } from "./effect-state.js";
import type { IntType, Table } from "./types.js";

export abstract class EffectGen extends EffectState {
  // ---- expressions -----------------------------------------------------------

  protected override effectExpr(t: IntType, depth: number): string | null {
    if (this.quiet > 0 || !this.st || this.effectCalls <= 0) return null;
    const r = this.rng;
    const s = this.st;
    this.effectCalls--;
    const c = r.int(10);
    if (c < 3) {
      // an operand that reads state next to a call that writes it, either side
      const state = this.stateName();
      const call = this.fxCall();
      return r.chance(0.5) ? this.combine(t, state, call) : this.combine(t, call, state);
    }
    if (c < 6) {
      const cl = this.calleeCall(depth);
      return cl.t === t ? cl.c : `${t}(${cl.c})`;
    }
    if (c < 8) return r.chance(0.5) ? this.conv(t, this.element("v"), s.v) : this.conv(t, `${this.receiver()}.f`, s.f);
    if (c < 9) return this.conv(t, `${this.element("hits")}${r.chance(0.5) ? "++" : ""}`, "u32");
    // `.length` of a receiver with effects: the receiver is still evaluated
    return this.conv(t, `${this.pickName}().v.length`, "usize");
  }

  private stateName(): string {
    return this.rng.pick(this.state.length > 0 ? this.state.map((v) => v.name) : [`${this.st!.a}.n`]);
  }

  /** A call of a helper that writes state: an fx helper, or swc() (which reassigns cur). */
  private fxCall(): string {
    return this.rng.chance(0.25) ? `${this.swapCur}()` : `${this.rng.pick(this.fx).name}()`;
  }

  /** A struct reference: pick() (effects), cur (which swc() swaps) or a local reference variable. */
  private receiver(): string {
    const r = this.rng;
    const c = r.int(5);
    if (c === 0) return this.cur;
    if (c <= 2 && this.localRefs.length > 0) return r.pick(this.localRefs);
    return `${this.pickName}()`;
  }

  /** A struct reference other than `recv`, to assign to a receiver variable. */
  private anotherStruct(): string {
    const s = this.st!;
    return this.rng.pick([s.a, s.b, this.cur, `${this.pickName}()`]);
  }

  /** `recv.field[i]`: the index calls a helper that writes state, or reassigns the receiver variable. */
  private element(field: "v" | "hits", recv = this.receiver()): string {
    const variable = !recv.endsWith(")");
    const index = variable && this.rng.chance(0.5) ? `(${recv} = ${this.anotherStruct()}).n` : this.fxCall();
    return `${recv}.${field}[${index} & ${SLOTS - 1}]`;
  }

  /** A value for a field of type t of `recv`: reads state, or reassigns the receiver variable. */
  private fieldValue(t: IntType, recv: string): string {
    if (!recv.endsWith(")") && this.rng.chance(0.4)) return `${t}((${recv} = ${this.anotherStruct()}).n)`;
    return this.readingState(t);
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
    const c = r.int(12);
    if (c < 2 && this.scopes.length === 2 && !this.inHelper) {
      this.localVariable(r.chance(0.5));
      return true;
    }
    if (c < 4) {
      this.print(this.calleeCall(depth).c);
    } else if (c < 6) {
      const tables = this.tables.filter((t) => t.writable);
      const recv = this.receiver();
      if (tables.length > 0 && r.chance(0.4)) this.tableWrite(r.pick(tables));
      else if (r.chance(0.5)) this.emit(`${this.element("v", recv)} ${this.dataOp(s.v)} ${this.readingState(s.v)};`);
      else this.emit(`${recv}.f ${this.dataOp(s.f)} ${this.fieldValue(s.f, recv)};`);
    } else if (c < 9) {
      this.counterStmt();
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
  private counterStmt(): void {
    const r = this.rng;
    const s = this.st!;
    const recv = this.receiver();
    const c = r.int(6);
    if (c === 0) this.emit(r.chance(0.5) ? `${recv}.n++;` : `++${recv}.n;`);
    else if (c === 1) this.emit(`${recv}.n += ${this.fieldValue("u8", recv)};`);
    else if (c === 2) this.emit(r.chance(0.5) ? `${this.element("hits", recv)}++;` : `${this.element("hits", recv)} += u8(${this.stateName()});`);
    else if (c === 3) this.emit(`${recv}.acc += ${s.acc}(${s.acc === "u64" ? "u32" : "i32"}(${this.stateName()}));`);
    else if (c === 4 && s.acc === "i64") this.emit(r.chance(0.5) ? `${recv}.acc -= i64(i32(${this.stateName()}));` : `${recv}.acc--;`);
    else this.print(`${recv}.acc++`);
  }

  /** A local callee variable or struct reference variable (at the function's top level). */
  private localVariable(callee: boolean): void {
    const s = this.st!;
    if (callee) {
      const name = this.fresh("hv");
      this.emit(`let ${name}: ${this.callees!.type} = ${this.rng.pick(this.callees!.fns)};`);
      this.localFns.push(name);
    } else {
      const name = this.fresh("lr");
      this.emit(`let ${name}: ${s.name} = ${this.rng.pick([s.a, s.b, this.cur])};`);
      this.localRefs.push(name);
    }
  }

  /** The start of the program: one local variable of each kind. */
  protected effectPrologue(): void {
    this.localFns = [];
    this.localRefs = [];
    if (!this.st) return;
    this.localVariable(true);
    this.localVariable(false);
  }

  /** The end of the program: the final state. */
  protected effectSummary(): void {
    if (this.st) this.print(`${this.checkName}()`);
  }
}
