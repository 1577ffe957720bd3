// Stack storage must not outlive its function. `const p: P = zeroed()` inside
// a function is an object in the function's frame; a reference to it that is
// returned, stored in module data or in memory that outlives the call, or
// passed to a function that keeps its argument would dangle (gcc -O2 even
// turns `return &p` into NULL). Expressions record here where their reference
// values may come from and where they are stored; once every function is
// compiled, check() works out what each of them may point to (solve()) and
// reports each escape. A function that returns its parameter (`ident(p)`)
// gives its caller that argument back; one that stores it keeps it.
//
// What it sees: references, arrays and Ptr values derived from a local
// storage object by naming it, its Inline fields and elements, `!`, `?:`,
// assignments used as values, local variables and parameters (also
// reassigned ones; Arr parameters too), and references read back from fields
// and elements: one read from storage of the frame may be anything stored
// into that storage through any alias (also by a callee, through its
// parameter), one read through a parameter is memory reached from the
// caller's argument, one read from anything else is unknown memory. Direct
// calls of named functions are followed: the result of a call may be any
// argument whose parameter the callee returns (or memory reached from it),
// or unknown memory when the callee may return anything else; a parameter
// the callee stores keeps its argument, transitively. Calls through function
// references and of external (`declare`d) functions are assumed not to keep
// their arguments; their result may be any reference argument, anything
// reached from one, or unknown memory, and they may store unknown references
// into what their arguments reach. The check is flow-insensitive: a variable
// stands for everything ever assigned to it (`let r = tmp; r = G; return r;`
// is refused). What it does not see: addresses as integers (addr(x), then
// ref<T>/ptr<T> of them) and memory written through them (memcpy).
// docs/subset.md says the same.
import type ts from "typescript";
import { at, type Diagnostic } from "./diagnostics.js";
import type { Type } from "./types.js";
import { type Base, type Call, type Escape, type Fn, MODULE, type Origin, type RelativeStore, UNKNOWN, isParamLike, isReference, slot } from "./origins.js";
export class EscapeCheck {
  /** Every value assigned to a local variable or parameter, by its origin. */
  private readonly assigned = new Map<Origin, Origin[]>();
  private readonly escapes: Escape[] = [];
  /** Every reference stored into a field or element: into what container, what value. */
  private readonly stores: { container: Origin[]; value: Origin[] | undefined }[] = [];
  /** Calls with reference arguments. */
  private readonly calls: Call[] = [];
  /** What each function returns. */
  private readonly returns = new Map<Fn, Origin[]>();
  /** References in storage initialisers, by initialiser, until the storage's origin is made. */
  private readonly inits = new Map<ts.Node, (Origin[] | undefined)[]>();

  // Solved by solve(): what each origin may stand for (storage, param, deref, unknown).
  private readonly pts = new Map<Origin, Set<Base>>();
  /** For frame storage: every base stored into it. */
  private readonly contents = new Map<Origin, Set<Base>>();
  /** For a param or deref base: every base its function (or a callee) stores into what it refers to. */
  private readonly storedVia = new Map<Fn, Map<Base, Set<Base>>>();
  /** For each function: the bases it may return. */
  private readonly summary = new Map<Fn, Set<Base>>();
  private readonly derefs = new Map<Fn, Map<number, Base>>();
  private changed = false;

  /** `x = v` or `let x = v` for a local variable (or parameter) x. */
  assign(local: Origin, from: Origin[] | undefined): void {
    const list = this.assigned.get(local) ?? [];
    // A value of unknown origin makes the variable unknown too (it may hold
    // module data); null (no origins at all) adds nothing.
    list.push(...(from ?? [UNKNOWN]));
    this.assigned.set(local, list);
  }

  /** `return v` in fn. */
  returned(fn: Fn, from: Origin[] | undefined, node: ts.Node): void {
    // A value of unknown origin (module data, unknown memory): callers get it too.
    this.returns.set(fn, [...(this.returns.get(fn) ?? []), ...(from ?? [UNKNOWN])]);
    if (from && from.length > 0) this.escapes.push({ from, node, how: "returned", fn });
  }

  /** `target = v` where target is a field or element of `container` (undefined: a module variable) and of type t. */
  store(from: Origin[] | undefined, node: ts.Node, container: Origin[] | undefined, t: Type): void {
    if (!isReference(t)) return;
    const into = container ?? [MODULE];
    this.stores.push({ container: into, value: from });
    if (from && from.length > 0) this.escapes.push({ from, node, into });
  }

  /** The references a (stack) storage initialiser `init` stores, of their types. */
  initialised(init: ts.Node, values: { origins: Origin[] | undefined; t: Type }[]): void {
    const refs = values.filter((v) => isReference(v.t)).map((v) => v.origins);
    if (refs.length > 0) this.inits.set(init, refs);
  }

  /** The origin of stack storage `name` of fn, initialised by init. */
  storage(fn: Fn, name: string, init: ts.Node): Origin {
    const o: Origin = { k: "storage", fn, name };
    for (const v of this.inits.get(init) ?? []) this.stores.push({ container: [o], value: v });
    this.inits.delete(init);
    return o;
  }

  /** A call of `callee` (undefined: through a function reference), named
   *  `name` at the call; gives the origin of its result. */
  call(callee: Fn | undefined, name: string, args: { from: Origin[] | undefined; node: ts.Node; t: Type }[]): Origin {
    const c: Call = {
      k: "call",
      callee: callee?.body ? callee : undefined,
      name,
      args: args.map((a) => a.from),
      refs: args.map((a) => isReference(a.t)),
      nodes: args.map((a) => a.node),
      reach: args.map((a) => ({ k: "reach", from: a.from })),
    };
    if (c.refs.some((r) => r)) this.calls.push(c);
    return c;
  }

  // ---- solving ----------------------------------------------------------------

  private deref(fn: Fn, index: number): Base {
    const m = this.derefs.get(fn) ?? new Map<number, Base>();
    this.derefs.set(fn, m);
    let d = m.get(index);
    if (!d) {
      const p = fn.parameters[index];
      d = { k: "deref", fn, index, name: p ? p.name.getText() : `#${index}` };
      m.set(index, d);
    }
    return d;
  }

  private of(o: Origin): Set<Base> {
    let s = this.pts.get(o);
    if (!s) {
      s = new Set();
      if (o.k === "storage" || o.k === "param" || o.k === "deref" || o.k === "unknown") s.add(o);
      this.pts.set(o, s);
    }
    return s;
  }

  /** The bases origins may stand for (undefined: unknown memory). */
  private basesOf(list: Origin[] | undefined): Set<Base> {
    if (list === undefined) return this.of(UNKNOWN);
    if (list.length === 1) return this.of(list[0]!);
    const out = new Set<Base>();
    for (const o of list) for (const b of this.of(o)) out.add(b);
    return out;
  }

  private addAll(to: Set<Base>, from: Iterable<Base>): void {
    for (const b of from) {
      if (!to.has(b)) {
        to.add(b);
        this.changed = true;
      }
    }
  }

  /** What may be read from a field or element of each of bases. */
  private loadInto(out: Set<Base>, bases: Iterable<Base>): void {
    for (const b of [...bases]) {
      if (b.k === "storage") this.addAll(out, this.contents.get(b) ?? []);
      else if (isParamLike(b)) this.addAll(out, [this.deref(b.fn, b.index)]);
      else this.addAll(out, [UNKNOWN]);
    }
  }

  /** A base of call c's callee, as the caller sees it. */
  private mapped(c: Call, b: Base): Iterable<Base> {
    if (isParamLike(b) && b.fn === c.callee) return b.k === "param" ? this.basesOf(c.args[b.index]) : this.of(c.reach[b.index]!);
    return b.k === "unknown" ? [b] : [UNKNOWN];
  }

  /** A reference of bases `values` stored into what base `into` refers to. */
  private storeInto(into: Base, values: Iterable<Base>): void {
    if (into.k === "storage") {
      const s = this.contents.get(into) ?? new Set<Base>();
      this.contents.set(into, s);
      this.addAll(s, values);
    } else if (isParamLike(into)) {
      const m = this.storedVia.get(into.fn) ?? new Map<Base, Set<Base>>();
      this.storedVia.set(into.fn, m);
      const s = m.get(into) ?? new Set<Base>();
      m.set(into, s);
      this.addAll(s, values);
    }
  }

  /** Every origin, those it depends on first. */
  private nodes(): Origin[] {
    const order: Origin[] = [];
    const seen = new Set<Origin>();
    const stack: [Origin, boolean][] = [];
    const push = (list: Iterable<Origin> | undefined): void => { for (const o of list ?? []) if (!seen.has(o)) stack.push([o, false]); };
    const visit = (o: Origin): void => {
      stack.push([o, false]);
      while (stack.length > 0) {
        const [n, done] = stack.pop()!;
        if (done) { order.push(n); continue; }
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push([n, true]);
        if (n.k === "var" || n.k === "param") push(this.assigned.get(n));
        else if (n.k === "load" || n.k === "reach") push(n.from);
        else if (n.k === "call") { for (const a of n.args) push(a); push(n.reach); }
      }
    };
    const all = (list: Iterable<Origin> | undefined): void => { for (const o of list ?? []) visit(o); };
    all(this.assigned.keys());
    for (const e of this.escapes) { all(e.from); all(e.into); }
    for (const s of this.stores) { all(s.container); all(s.value); }
    for (const r of this.returns.values()) all(r);
    all(this.calls);
    return order;
  }

  /** What every origin may stand for, to a fixed point: variables, reads
   *  (through what was stored), calls (through their callees' summaries). */
  private solve(): void {
    const nodes = this.nodes();
    for (const fn of this.returns.keys()) this.summary.set(fn, new Set());
    do {
      this.changed = false;
      for (const n of nodes) {
        const s = this.of(n);
        switch (n.k) {
          case "var": case "param":
            for (const a of this.assigned.get(n) ?? []) this.addAll(s, this.of(a));
            break;
          case "load": this.loadInto(s, this.basesOf(n.from)); break;
          case "reach": this.loadInto(s, this.basesOf(n.from)); this.loadInto(s, s); break;
          case "call":
            if (n.callee) for (const b of this.summary.get(n.callee) ?? []) this.addAll(s, this.mapped(n, b));
            else {
              n.refs.forEach((r, i) => { if (r) { this.addAll(s, this.basesOf(n.args[i])); this.addAll(s, this.of(n.reach[i]!)); } });
              this.addAll(s, [UNKNOWN]);
            }
            break;
        }
      }
      for (const st of this.stores) {
        const values = this.basesOf(st.value);
        for (const b of this.basesOf(st.container)) this.storeInto(b, values);
      }
      for (const c of this.calls) {
        if (c.callee) {
          for (const [into, values] of this.storedVia.get(c.callee) ?? []) {
            const v = new Set<Base>();
            for (const b of values) for (const m of this.mapped(c, b)) v.add(m);
            for (const t of this.mapped(c, into)) this.storeInto(t, v);
          }
        } else {
          // An unknown callee may store unknown references into what its arguments reach.
          c.refs.forEach((r, i) => {
            if (!r) return;
            for (const t of [...this.basesOf(c.args[i]), ...this.of(c.reach[i]!)]) this.storeInto(t, [UNKNOWN]);
          });
        }
      }
      for (const [fn, list] of this.returns) this.addAll(this.summary.get(fn)!, this.basesOf(list));
    } while (this.changed);
  }

  // ---- checking ---------------------------------------------------------------

  /** Storing a reference into storage of the frame it points into is fine. */
  private staysInFrame(base: Base, targets: Base[]): boolean {
    return (base.k === "storage" || isParamLike(base)) && targets.length > 0 && targets.every((t) => t.k === "storage" && t.fn === base.fn);
  }

  /** How a reference stored into targets leaves. */
  private storedIn(targets: Base[]): string {
    if (targets.length === 0 || targets.some((t) => t.k === "unknown" && !t.module)) return "stored in memory the check cannot follow";
    if (targets.some((t) => t.k === "unknown")) return "stored in module data";
    const p = targets.find((t) => t.k === "param");
    if (p) return `stored in memory that outlives the call (what the parameter '${(p as { name: string }).name}' refers to)`;
    const d = targets.find((t) => t.k === "deref");
    if (d) return `stored in memory that outlives the call (reached through the parameter '${(d as { name: string }).name}')`;
    return "stored in memory that outlives the call";
  }

  check(): Diagnostic[] {
    this.solve();
    const out: Diagnostic[] = [];
    /** Parameters (slots) whose argument outlives the call, and how (for messages). */
    const keeps = new Map<Fn, Map<number, string>>();
    const relative = new Map<Fn, RelativeStore[]>();
    const process = (e: Escape): void => {
      const into = e.into && [...this.basesOf(e.into)];
      for (const b of this.basesOf(e.from)) {
        if (b.k === "unknown") continue;
        if (!into) {
          // A function's own parameter handed back is its caller's business (summary).
          if (isParamLike(b) && b.fn === e.fn) continue;
        } else {
          if (this.staysInFrame(b, into)) continue;
          if (isParamLike(b) && into.length > 0 && into.every((t) => t.k !== "unknown" && t.fn === b.fn)) {
            // Stored into what another parameter refers to: whether that
            // outlives the call depends on each caller's arguments.
            const list = relative.get(b.fn) ?? [];
            for (const t of into) if (isParamLike(t) && !list.some((r) => r.from === slot(b) && r.into === slot(t))) list.push({ from: slot(b), into: slot(t) });
            relative.set(b.fn, list);
            continue;
          }
        }
        const how = e.how ?? this.storedIn(into ?? []);
        if (isParamLike(b)) {
          const m = keeps.get(b.fn) ?? new Map<number, string>();
          if (!m.has(slot(b))) m.set(slot(b), how);
          keeps.set(b.fn, m);
        } else {
          out.push(at(e.node, `'${b.name}' is stack storage of ${b.fn.name?.text ?? "a function"}: a reference to it is ${how} and would dangle once the function returns; use static storage (a module-level \`const ${b.name}: T = zeroed()\`) or memory from the allocator`));
        }
      }
    };
    this.escapes.forEach(process);
    // Calls pass the callees' summaries back to the callers, until nothing new follows.
    const derived = new Set<string>();
    /** What slot s of call c stands for, as the caller sees it. */
    const arg = (c: Call, s: number): Origin[] => (s >= 0 ? (c.args[s] ?? [UNKNOWN]) : [c.reach[~s]!]);
    const what = (c: Call, s: number): string => (s >= 0 ? `passed to ${c.name}` : `reached from an argument of ${c.name}`);
    for (let changed = true; changed; ) {
      changed = false;
      this.calls.forEach((c, k) => {
        if (!c.callee) return;
        const params = c.callee.parameters;
        for (const [s, how] of keeps.get(c.callee) ?? []) {
          if (derived.has(`${k}:${s}`)) continue;
          derived.add(`${k}:${s}`);
          changed = true;
          process({ from: arg(c, s), node: c.nodes[s >= 0 ? s : ~s]!, how: `${what(c, s)}, which keeps it (${how})` });
        }
        for (const r of relative.get(c.callee) ?? []) {
          if (derived.has(`${k}:${r.from}>${r.into}`)) continue;
          derived.add(`${k}:${r.from}>${r.into}`);
          changed = true;
          const i = r.into >= 0 ? r.into : ~r.into;
          const name = params[i]?.name.getText() ?? `#${i}`;
          const where = r.into >= 0 ? `what its parameter '${name}' refers to` : `memory reached through its parameter '${name}'`;
          process({ from: arg(c, r.from), node: c.nodes[r.from >= 0 ? r.from : ~r.from]!, how: `${what(c, r.from)}, which stores it in ${where}`, into: arg(c, r.into) });
        }
      });
    }
    return out;
  }
}
