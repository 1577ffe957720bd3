// Statements of the random programs: declarations, assignments, loops with
// small constant bounds, switch with fall-through, labelled break/continue.

import { ExprGen } from "./expr.js";
import { ALL, INFO, IntType, NUMBER_TYPES, WIDENS_TO } from "./types.js";
import type { Var } from "./types.js";

export abstract class StmtGen extends ExprGen {
  protected print(e: string): void {
    this.emit(`print(${e});`);
  }

  protected block(body: () => void): void {
    this.indent++;
    this.scopes.push([]);
    body();
    this.scopes.pop();
    this.indent--;
  }

  protected statements(n: number, depth: number): void {
    for (let i = 0; i < n; i++) this.statement(depth);
  }

  /** A statement of the effect patterns (randprog/effects.ts); false if none fits here. */
  protected abstract effectStatement(depth: number): boolean;

  protected statement(depth: number): void {
    const r = this.rng;
    this.resetCallBudget();
    if (this.effects && r.chance(0.3) && this.effectStatement(depth)) return;
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

  protected letStmt(): void {
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

  protected writableVars(): Var[] {
    return this.visible().filter((v) => !v.readonly);
  }

  protected assignStmt(): void {
    const vars = this.writableVars();
    if (vars.length === 0) return this.letStmt();
    const v = this.rng.pick(vars);
    if (v.type === "bool") this.emit(`${v.name} = ${this.cond(2)};`);
    else this.emit(`${v.name} = ${this.expr(v.type, 3)};`);
    this.print(v.name);
  }

  protected compoundStmt(): void {
    // &= |= ^= stay in range for same-typed operands, except u32 (JavaScript
    // gives a signed 32-bit result)
    const vars = this.writableVars().filter((v) => v.type !== "bool" && v.type !== "u32" && v.type !== "usize");
    if (vars.length === 0) return this.assignStmt();
    const v = this.rng.pick(vars);
    const t = v.type as IntType;
    this.emit(`${v.name} ${this.rng.pick(["&=", "|=", "^="])} ${this.expr(t, 2)};`);
    this.print(v.name);
  }

  protected arrayWrite(): void {
    const tables = this.tables.filter((t) => t.writable);
    if (tables.length === 0 || (this.inHelper && !this.orderDependent)) return this.assignStmt();
    const tb = this.rng.pick(tables);
    const idx = `${this.operand(this.rng.pick(NUMBER_TYPES), 1)} & ${tb.length - 1}`;
    this.emit(`${tb.name}[${idx}] = ${this.expr(tb.type, 2)};`);
    this.print(`${tb.name}[${this.rng.range(0, tb.length - 1)}]`);
  }

  protected ifStmt(depth: number): void {
    const r = this.rng;
    this.emit(`if (${r.chance(0.2) ? this.intCondition(2) : this.cond(2)}) {`);
    this.block(() => this.statements(r.range(1, 3), depth - 1));
    if (r.chance(0.5)) {
      this.emit("} else {");
      this.block(() => this.statements(r.range(1, 3), depth - 1));
    }
    this.emit("}");
  }

  protected loopBody(depth: number): void {
    this.loopDepth++;
    this.block(() => this.statements(this.rng.range(1, 3), depth - 1));
    this.loopDepth--;
  }

  protected counterType(): IntType {
    return this.rng.pick(["u32", "i32", "u8", "i16", "usize"] as IntType[]);
  }

  protected forStmt(depth: number): void {
    const r = this.rng;
    const i = this.fresh("i");
    const t = this.counterType();
    this.emit(`for (let ${i}: ${t} = 0; ${i} < ${r.range(1, 4)}; ${i}++) {`);
    this.scopes.push([{ name: i, type: t, readonly: true }]);
    this.loopBody(depth);
    this.scopes.pop();
    this.emit("}");
  }

  protected whileStmt(depth: number): void {
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

  protected doWhileStmt(depth: number): void {
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

  protected switchStmt(depth: number): void {
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

  protected labelledStmt(depth: number): void {
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

  protected jumpStmt(): void {
    const r = this.rng;
    const target = this.labels.length > 0 && r.chance(0.3) ? ` ${r.pick(this.labels)}` : "";
    this.emit(`if (${this.cond(1)}) ${r.pick(["break", "continue"])}${target};`);
  }
}
