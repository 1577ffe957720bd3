// Stack storage must not outlive its function. `const p: P = zeroed()` inside
// a function is an object in the function's frame; a reference to it that is
// returned, stored in module data or in memory that outlives the call, or
// passed to a function that keeps its argument would dangle (gcc -O2 even
// turns `return &p` into NULL). Expressions record here where their reference
// values may come from; once every function is compiled, check() follows the
// local variables they were assigned to and reports each escape. A function
// that returns its parameter (`ident(p)`) gives its caller that argument
// back; one that stores it keeps it.
//
// What it sees: references, arrays and Ptr values derived from a local
// storage object by naming it, its Inline fields and elements, `!`, `?:`,
// local variables and parameters (also reassigned ones), across direct calls
// of named functions (the result of a call may be any argument whose
// parameter the callee returns; a parameter it stores keeps its argument,
// transitively). What it does not see: addresses as integers
// (addr(x), then ref<T>/ptr<T> of them), references written into memory and
// read back, and calls through function references (assumed not to keep
// their arguments). docs/subset.md says the same.
import type ts from "typescript";
import { at, type Diagnostic } from "./diagnostics.js";

type Fn = ts.FunctionDeclaration;
const NONE: ReadonlySet<number> = new Set();

/** Where a reference-valued expression may point. A local variable or a
 *  parameter stands for whatever was assigned to it (and a parameter for the
 *  caller's argument too). */
export type Origin =
  | { k: "storage"; fn: Fn; name: string }
  | { k: "param"; fn: Fn; index: number; name: string }
  | { k: "var"; fn: Fn; name: string }
  /** The result of a direct call: the arguments whose parameters the callee returns. */
  | { k: "call"; callee: Fn; args: (Origin[] | undefined)[] }
  /** Anything else: module data, memory read through a reference, a call through a function reference. */
  | { k: "unknown" };

const UNKNOWN: Origin = { k: "unknown" };

/** What `c ? a : b` may point to (undefined: only unknown memory). */
export function unionOrigins(a: Origin[] | undefined, b: Origin[] | undefined): Origin[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  return [...(a ?? [UNKNOWN]), ...(b ?? [UNKNOWN])];
}

interface Escape {
  from: Origin[];
  /** For a return: the function returned from (its parameters go back to its callers). */
  fn?: Fn;
  node: ts.Node;
  how: string;
  /** The storage stored into; empty when it is module data or unknown memory. */
  into: Origin[];
}

/** A direct call of a named function, with what each argument may point to. */
interface Call { callee: Fn; calleeName: string; args: { from: Origin[] | undefined; node: ts.Node }[] }

/** `f` stores its parameter `from` into storage its parameter `into` refers to. */
interface RelativeStore { from: number; into: number; how: string }

export class EscapeCheck {
  /** Every value assigned to a local variable or parameter, by its origin. */
  private readonly assigned = new Map<Origin, Origin[]>();
  private readonly escapes: Escape[] = [];
  private readonly calls: Call[] = [];
  /** What each function returns. */
  private readonly returns = new Map<Fn, Origin[]>();
  private readonly returnedParams = new Map<Fn, Set<number>>();

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
    if (!from || from.length === 0) return;
    this.returns.set(fn, [...(this.returns.get(fn) ?? []), ...from]);
    this.escapes.push({ from, node, how: "returned", into: [], fn });
  }

  /** A reference leaves through `how`: stored into `into`. */
  escape(from: Origin[] | undefined, node: ts.Node, how: string, into: Origin[] = []): void {
    if (from && from.length > 0) this.escapes.push({ from, node, how, into });
  }

  /** A direct call of `callee` (named `calleeName` at the call). */
  call(callee: Fn, calleeName: string, args: Call["args"]): void {
    if (args.some((a) => a.from && a.from.length > 0)) this.calls.push({ callee, calleeName, args });
  }

  /** The storage objects and parameters that origins may stand for. */
  private bases(origins: Origin[]): Origin[] {
    const out = new Set<Origin>();
    const seen = new Set<Origin>();
    const visit = (o: Origin): void => {
      if (seen.has(o)) return;
      seen.add(o);
      if (o.k === "call") {
        const returned = this.paramsReturnedBy(o.callee);
        o.args.forEach((a, i) => { if (returned.has(i)) a?.forEach(visit); });
        return;
      }
      if (o.k !== "var") out.add(o);
      for (const a of this.assigned.get(o) ?? []) visit(a);
    };
    origins.forEach(visit);
    return [...out];
  }

  private paramsReturnedBy(fn: Fn): ReadonlySet<number> { return this.returnedParams.get(fn) ?? NONE; }

  /** Which parameters each function may return, to a fixed point (a call's
   *  result depends on its callee's answer, and functions may recurse). */
  private solveReturns(): void {
    for (const fn of this.returns.keys()) this.returnedParams.set(fn, new Set());
    for (let changed = true; changed; ) {
      changed = false;
      for (const [fn, origins] of this.returns) {
        const set = this.returnedParams.get(fn)!;
        for (const b of this.bases(origins)) {
          if (b.k === "param" && b.fn === fn && !set.has(b.index)) {
            set.add(b.index);
            changed = true;
          }
        }
      }
    }
  }

  /** Storing a reference into storage of the frame it points into is fine. */
  private staysInFrame(base: Origin, into: Origin[]): boolean {
    const targets = this.bases(into);
    return (base.k === "storage" || base.k === "param") && targets.length > 0 && targets.every((t) => t.k === "storage" && t.fn === base.fn);
  }

  check(): Diagnostic[] {
    this.solveReturns();
    const out: Diagnostic[] = [];
    /** Parameters whose argument outlives the call, and how (for messages). */
    const keeps = new Map<Fn, Map<number, string>>();
    const relative = new Map<Fn, RelativeStore[]>();
    const process = (e: Escape): void => {
      for (const b of this.bases(e.from)) {
        if (b.k === "call" || b.k === "unknown") continue;
        if (e.fn) {
          // A function's own parameter handed back is its caller's business (solveReturns).
          if (b.k === "param" && b.fn === e.fn) continue;
        } else {
          const into = this.bases(e.into);
          if (this.staysInFrame(b, into)) continue;
          if (b.k === "param" && into.length > 0 && into.every((t) => (t.k === "storage" || t.k === "param") && t.fn === b.fn)) {
            // Stored into what another parameter refers to: whether that
            // outlives the call depends on each caller's arguments.
            const list = relative.get(b.fn) ?? [];
            for (const t of into) if (t.k === "param" && !list.some((r) => r.from === b.index && r.into === t.index)) list.push({ from: b.index, into: t.index, how: e.how });
            relative.set(b.fn, list);
            continue;
          }
        }
        if (b.k === "param") {
          const m = keeps.get(b.fn) ?? new Map<number, string>();
          if (!m.has(b.index)) m.set(b.index, e.how);
          keeps.set(b.fn, m);
        } else {
          out.push(at(e.node, `'${b.name}' is stack storage of ${b.fn.name?.text ?? "a function"}: a reference to it is ${e.how} and would dangle once the function returns; use static storage (a module-level \`const ${b.name}: T = zeroed()\`) or memory from the allocator`));
        }
      }
    };
    this.escapes.forEach(process);
    // Calls pass the callees' summaries back to the callers, until nothing new follows.
    const derived = new Set<string>();
    for (let changed = true; changed; ) {
      changed = false;
      this.calls.forEach((c, k) => {
        const params = c.callee.parameters;
        c.args.forEach((a, i) => {
          const how = keeps.get(c.callee)?.get(i);
          if (how !== undefined && !derived.has(`${k}:${i}`)) {
            derived.add(`${k}:${i}`);
            changed = true;
            process({ from: a.from ?? [], node: a.node, how: `passed to ${c.calleeName}, which keeps it (${how})`, into: [] });
          }
          for (const r of relative.get(c.callee) ?? []) {
            if (r.from !== i || derived.has(`${k}:${i}>${r.into}`)) continue;
            derived.add(`${k}:${i}>${r.into}`);
            changed = true;
            const name = params[r.into]?.name.getText() ?? `#${r.into}`;
            process({ from: a.from ?? [], node: a.node, how: `passed to ${c.calleeName}, which stores it in what its parameter '${name}' refers to`, into: c.args[r.into]?.from ?? [] });
          }
        });
      });
    }
    return out;
  }
}
