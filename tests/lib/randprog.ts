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
//    type's range (bitwise &= |= ^= on same-typed operands, loop counters,
//    counters that only grow by bounded amounts);
//  * in 40% of the programs nothing depends on the order of evaluation inside
//    one statement: helpers may print but never write module state, and a
//    statement calls at most one helper. The others ("order-dependent") let
//    helpers write module variables and tables and call up to three helpers
//    per statement, so the compiled program must evaluate operands and
//    arguments left to right as JavaScript does (tests/programs/diff/
//    eval_order.ts checks the same by hand); three quarters of those also
//    have the effect patterns of randprog/effects.ts (state-writing helpers in
//    assignment targets, callee variables reassigned in their arguments,
//    compound lvalues with calls in several parts).
// Loops have small constant bounds and helpers only call earlier helpers, so
// every program terminates.
//
// The generator is split along its seams: randprog/types.ts (types, PRNG),
// randprog/expr.ts (expressions and the program's state), randprog/stmt.ts
// (statements), randprog/effects.ts (the effect patterns) and this file
// (module state, helpers, the module of a batch).

import { EffectGen } from "./randprog/effects.js";
import { ALL, BIG_TYPES, INFO, IntType, Rng } from "./randprog/types.js";
import type { Helper } from "./randprog/types.js";

export { Rng } from "./randprog/types.js";
export type { IntType } from "./randprog/types.js";

/** A whole program: module state, helpers, and the body of `progK()`. */
class ProgramGen extends EffectGen {
  protected helper(index: number, signature?: { params: IntType[]; ret: IntType }): Helper {
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

  protected recursiveHelper(): void {
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

  protected globals(): void {
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
    if (this.effects) this.effectDecls();
    this.globalVars = [...this.scopes[0]!];
    if (r.chance(0.3)) this.recursiveHelper();
    const nHelpers = r.range(0, 3);
    for (let i = 0; i < nHelpers; i++) this.helper(i);
    if (nHelpers > 0 && r.chance(0.5)) this.functionTable(nHelpers);
    this.scopes = [this.globalVars, []];
    this.out = [];
    this.indent = 1;
    this.effectPrologue();
    this.statements(r.range(6, 14), 3);
    this.effectSummary();
    const numeric = this.visible().filter((v) => v.type !== "bool");
    const result = numeric.length > 0 ? `u32(${r.pick(numeric).name})` : "0";
    this.emit(`return ${result};`);
    const fn = [`function prog${this.k}(): u32 {`, ...this.out, "}"].join("\n");
    return { decls: this.decls.join("\n"), fn };
  }

  /** A type alias of a helper's signature, a second helper of that type and
   *  a read-only table of both, called through the table. */
  protected functionTable(index: number): void {
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
