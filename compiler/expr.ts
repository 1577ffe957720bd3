// Expressions: each is typed by the subset's rules (docs/subset.md) and
// spelled in C. The C spelling makes every conversion explicit, so gcc has no
// room to interpret an expression differently from this file.
import ts from "typescript";
import { fail } from "./diagnostics.js";
import type { Binding, Ctx, Module } from "./context.js";
import { callIntrinsic, isConversion } from "./intrinsics.js";
import {
  BOOL, CSTR, FuncT, I32, IntT, NULL, RefT, Type, U32, UNTYPED, UNTYPED_BIG, baseInt, cDecl, cLiteral, cScalar,
  cIdent, fits, int, promote, sameType, typeName, usual, valueOf, widens, wrap,
} from "./types.js";

export interface Val {
  /** C expression, parenthesised unless it is a primary expression. */
  c: string;
  /** Value type (never a struct: structs are seen through references). */
  t: Type;
  /** Storage type when the expression is an lvalue. */
  lv?: { storage: Type; mutable: boolean };
  /** Compile-time value, when known (integers, bools, enum members). */
  value?: bigint;
  /** A link-time constant (address of static data, a function, a string). */
  linkConst?: boolean;
  /** For a reference made by `&X`: X, so that field access can write `X.f`. */
  addrOf?: string;
  /** Evaluating it has no side effects (it may be evaluated twice). */
  pure: boolean;
  /** An lvalue whose address is a link-time constant (module data, extern). */
  staticAddr?: boolean;
  /** The expression it came from, for errors about this operand. */
  node?: ts.Node;
}

/** Where an expression is being compiled: the module and the function's locals. */
export interface Scope {
  ctx: Ctx;
  mod: Module;
  /** Binding lookup for local declarations (parameters, let/const). */
  local(decl: ts.Node): Binding | undefined;
  /** Resolves a module-level declaration's binding (installed by module.ts). */
  global(decl: ts.Declaration, use: ts.Node): Binding;
}

const primary = /^([A-Za-z_][A-Za-z0-9_]*((\.|->)[A-Za-z_][A-Za-z0-9_]*|\[[^[\]]*\])*|[0-9][0-9A-Za-zx]*|\(.*\)|"([^"\\]|\\.)*")$/s;
export function paren(c: string): string { return primary.test(c) && balanced(c) ? c : `(${c})`; }
function balanced(c: string): boolean {
  if (!c.startsWith("(")) return true;
  let depth = 0;
  for (let i = 0; i < c.length; i++) {
    if (c[i] === "(") depth++;
    else if (c[i] === ")") { depth--; if (depth === 0 && i < c.length - 1) return false; }
  }
  return true;
}

function strip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

export function cString(text: string): string {
  let out = '"';
  for (const ch of Buffer.from(text, "utf8")) {
    if (ch === 0x22) out += '\\"';
    else if (ch === 0x5c) out += "\\\\";
    else if (ch === 0x0a) out += "\\n";
    else if (ch === 0x09) out += "\\t";
    else if (ch === 0x0d) out += "\\r";
    else if (ch === 0x3f && out.endsWith("?")) out += "\\?"; // no trigraphs (??= is # in ISO C)
    else if (ch >= 0x20 && ch < 0x7f) out += String.fromCharCode(ch);
    else out += `\\${ch.toString(8).padStart(3, "0")}`;
  }
  return `${out}"`;
}

// ---- integer literals and constants -----------------------------------------

export function literalValue(node: ts.NumericLiteral | ts.BigIntLiteral): bigint {
  const text = node.getText().replace(/_/g, "").replace(/n$/, "");
  if (ts.isNumericLiteral(node) && /[.eE]/.test(text) && !/^0[xX]/.test(text)) {
    fail(node, "floating point is not in the subset: use integers (e.g. fixed point in a u32)");
  }
  if (/^0[0-7]+$/.test(text)) fail(node, "legacy octal literals are not allowed: write 0o17");
  const value = BigInt(text);
  if (ts.isNumericLiteral(node) && value > 1n << 53n) {
    fail(node, `${text} is beyond 2^53: a JavaScript number cannot hold it exactly; write a bigint literal (${text}n) for u64/i64`);
  }
  return value;
}

/** The C type C gives an unsuffixed literal: i32, u32, i64 or u64. */
export function defaultType(v: bigint, big: boolean): IntT {
  for (const n of big ? (["i64", "u64"] as const) : (["i32", "u32", "i64", "u64"] as const)) if (fits(v, int(n))) return int(n);
  return int("u64");
}

/** Gives an untyped constant the type t (it must fit). */
function constAs(v: Val, t: IntT, node: ts.Node): string {
  if (v.value === undefined) throw new Error("internal: untyped without value");
  if (!fits(v.value, t)) {
    const hint = v.value < 0n && !t.signed && fits(BigInt.asUintN(t.bits, v.value), t)
      ? ": JavaScript's 32-bit operators give signed results (1 << 31 is -2147483648); write a hex literal such as 0x80000000, or convert with " + t.name + "(...)"
      : "";
    fail(node, `the constant ${v.value} does not fit ${t.name} (range ${rangeOf(t)})${hint}`);
  }
  return cLiteral(v.value, t, /^0[xX]/.test(v.c));
}
function rangeOf(t: IntT): string {
  return t.signed ? `${-(1n << BigInt(t.bits - 1))}..${(1n << BigInt(t.bits - 1)) - 1n}` : `0..${(1n << BigInt(t.bits)) - 1n}`;
}

/** The C spelling of integer value v converted to type t (with C's conversion rules). */
export function castInt(v: Val, t: IntT, node: ts.Node): string {
  if (v.t.k === "untyped") return constAs(v, t, node);
  const from = baseInt(v.t);
  if (v.t.k === "bool") return `((${cScalar(t)})${paren(v.c)})`;
  if (!from) fail(node, `expected an integer, found ${typeName(v.t)}`);
  if (from === t) return v.c;
  return `((${cScalar(t)})${paren(v.c)})`;
}

// ---- implicit conversion --------------------------------------------------------

/** The C spelling of v as a value of type `to`, or an error saying what to write. */
export function coerce(v: Val, to: Type, node: ts.Node): string {
  const bad = (extra = ""): never => fail(node, `cannot use ${typeName(v.t)} as ${typeName(to)}${extra}`);
  switch (to.k) {
    case "int": {
      if (v.t.k === "untyped") {
        if (v.t.big !== (to.bits === 64)) bad(to.bits === 64 ? ": write a bigint literal such as 1n" : "");
        return constAs(v, to, node);
      }
      const from = baseInt(v.t);
      if (!from) return bad(v.t.k === "bool" ? `: write ${to.name}(flag)` : "");
      if (from === to) return v.c;
      if (widens(from, to)) return `((${cScalar(to)})${paren(v.c)})`;
      return bad(`: the conversion can lose information, write ${to.name}(...) to wrap explicitly`);
    }
    case "enum":
      if (v.t === to) return v.c;
      return bad(v.t.k === "int" || v.t.k === "untyped" ? `: write (x as ${to.name})` : "");
    case "bool":
      if (v.t.k === "bool") return v.c;
      return bad(": compare explicitly, e.g. x !== 0");
    case "cstr":
      if (v.t.k === "cstr") return v.c;
      return bad();
    case "ref":
      if (v.t.k === "null" && to.nullable) return "NULL";
      if (v.t.k === "ref" && v.t.s === to.s) {
        // Read-only structs live in .rodata: a write through a mutable reference would fault.
        if (v.t.readonly && !to.readonly) bad(`: it is read-only (Readonly<${to.s.name}> or an element of a readonly table); declare the target Readonly<${to.s.name}>`);
        return v.c;
      }
      return bad();
    case "func":
      if (v.t.k === "null" && to.nullable) return "NULL";
      if (v.t.k === "func" && sameType({ ...v.t, nullable: false }, { ...to, nullable: false })) return v.c;
      return bad();
    case "ptr":
      if (v.t.k === "ptr" && sameType(v.t.elem, to.elem)) return v.c;
      return bad(v.t.k === "int" ? ": write ptr<T>(address)" : "");
    case "arr":
      if (v.t.k === "arr" && sameType(v.t, to)) return v.c;
      return bad();
    case "void":
      if (v.t.k === "void") return v.c;
      return bad();
    default:
      return bad();
  }
}

// ---- the expression compiler --------------------------------------------------

export class ExprCompiler {
  private temps = 0;
  constructor(readonly s: Scope) {}
  get ctx(): Ctx { return this.s.ctx; }

  /**
   * JavaScript evaluates operands and arguments left to right; C leaves their
   * order open (gcc pushes i386 arguments right to left). When one of several
   * non-constant operands has side effects, each is stored in a temporary
   * first, in order, inside a GNU C statement expression (see stmtExpr()).
   */
  sequence(items: { c: string; t: Type; pure: boolean; constant: boolean }[]): { pre: string[]; cs: string[] } {
    const live = items.filter((x) => !x.constant);
    if (live.length < 2 || live.every((x) => x.pure)) return { pre: [], cs: items.map((x) => x.c) };
    const pre: string[] = [];
    const cs = items.map((x) => {
      if (x.constant) return x.c;
      const name = this.temp();
      pre.push(`${cDecl(x.t, name)} = ${x.c};`);
      return name;
    });
    return { pre, cs };
  }

  temp(): string { return `tsk_t${++this.temps}`; }

  /** Sequences operand Vals (see sequence()), giving back Vals that read the temporaries. */
  private sequenceVals(vals: Val[]): { pre: string[]; vals: Val[] } {
    const { pre, cs } = this.sequence(vals.map((v) => ({ c: v.c, t: v.t, pure: v.pure, constant: isConstant(v) })));
    return { pre, vals: vals.map((v, i) => (cs[i] === v.c ? v : { ...v, c: cs[i], lv: undefined, addrOf: undefined })) };
  }

  /** A call whose arguments are already converted to the parameter types.
   *  A computed callee (a table element, a field) is evaluated before them. */
  callWith(fn: string, args: { c: string; t: Type; v: Val }[], callee?: Val): string {
    const items = args.map((a) => ({ c: a.c, t: a.t, pure: a.v.pure, constant: isConstant(a.v) }));
    if (callee && !isName(callee.c)) items.unshift({ c: callee.c, t: callee.t, pure: callee.pure, constant: isConstant(callee) });
    const { pre, cs } = this.sequence(items);
    const f = callee && !isName(callee.c) ? paren(cs.shift()!) : fn;
    return stmtExpr(pre, `${f}(${cs.join(", ")})`);
  }

  /** Compiles e; `want` is the type the context expects, when it has one. */
  expr(e: ts.Expression, want?: Type): Val {
    const v = this.exprInner(e, want);
    return v.node ? v : { ...v, node: e };
  }

  private exprInner(e: ts.Expression, want?: Type): Val {
    switch (e.kind) {
      case ts.SyntaxKind.NumericLiteral:
      case ts.SyntaxKind.BigIntLiteral: {
        const value = literalValue(e as ts.NumericLiteral);
        return { c: e.getText().replace(/_/g, "").replace(/n$/, ""), t: e.kind === ts.SyntaxKind.BigIntLiteral ? UNTYPED_BIG : UNTYPED, value, pure: true };
      }
      case ts.SyntaxKind.TrueKeyword: return { c: "true", t: BOOL, value: 1n, pure: true };
      case ts.SyntaxKind.FalseKeyword: return { c: "false", t: BOOL, value: 0n, pure: true };
      case ts.SyntaxKind.NullKeyword: return { c: "NULL", t: NULL, pure: true, linkConst: true };
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
        return { c: cString((e as ts.StringLiteral).text), t: CSTR, pure: true, linkConst: true };
      case ts.SyntaxKind.Identifier: return this.identifier(e as ts.Identifier);
      case ts.SyntaxKind.ParenthesizedExpression: {
        const v = this.expr((e as ts.ParenthesizedExpression).expression, want);
        return v;
      }
      case ts.SyntaxKind.PropertyAccessExpression: return this.property(e as ts.PropertyAccessExpression);
      case ts.SyntaxKind.ElementAccessExpression: return this.element(e as ts.ElementAccessExpression);
      case ts.SyntaxKind.CallExpression: return this.call(e as ts.CallExpression, want);
      case ts.SyntaxKind.BinaryExpression: return this.binary(e as ts.BinaryExpression, want);
      case ts.SyntaxKind.PrefixUnaryExpression: return this.prefix(e as ts.PrefixUnaryExpression, want);
      case ts.SyntaxKind.PostfixUnaryExpression: return this.postfix(e as ts.PostfixUnaryExpression);
      case ts.SyntaxKind.ConditionalExpression: return this.conditional(e as ts.ConditionalExpression, want);
      case ts.SyntaxKind.NonNullExpression: {
        const v = this.expr((e as ts.NonNullExpression).expression, want);
        if (v.t.k === "ref" || v.t.k === "func") return { ...v, t: { ...v.t, nullable: false } };
        return v;
      }
      case ts.SyntaxKind.AsExpression: return this.as(e as ts.AsExpression);
      case ts.SyntaxKind.SatisfiesExpression:
        return this.expr((e as ts.SatisfiesExpression).expression, want);
      default:
        return unsupportedExpr(e);
    }
  }

  /** Compiles e where a truth value is wanted: bool, integer (≠ 0), reference (≠ null). */
  cond(e: ts.Expression): Val {
    const s = strip(e);
    if (ts.isBinaryExpression(s) && (s.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || s.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const a = this.cond(s.left);
      const b = this.cond(s.right);
      const op = s.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? "&&" : "||";
      return { c: `(${a.c} ${op} ${b.c})`, t: BOOL, pure: a.pure && b.pure };
    }
    if (ts.isPrefixUnaryExpression(s) && s.operator === ts.SyntaxKind.ExclamationToken) {
      const a = this.cond(s.operand);
      return { c: `(!${paren(a.c)})`, t: BOOL, pure: a.pure, value: a.value === undefined ? undefined : a.value === 0n ? 1n : 0n };
    }
    return this.truth(this.expr(e), e);
  }

  truth(v: Val, node: ts.Node): Val {
    switch (v.t.k) {
      case "bool": return v;
      case "int": case "enum": return { c: `(${paren(v.c)} != 0)`, t: BOOL, pure: v.pure };
      case "untyped": return { c: v.value !== 0n ? "true" : "false", t: BOOL, value: v.value !== 0n ? 1n : 0n, pure: true };
      case "ref": case "ptr": case "func": return { c: `(${paren(v.c)} != NULL)`, t: BOOL, pure: v.pure };
      default: fail(node, `${typeName(v.t)} cannot be used as a condition`);
    }
  }

  // ---- names --------------------------------------------------------------------

  private identifier(id: ts.Identifier): Val {
    if (id.text === "undefined") fail(id, "`undefined` is not in the subset: use `null` with a nullable reference");
    if (id.text === "arguments") fail(id, "`arguments` is not in the subset: name the parameters");
    const decl = this.ctx.declOf(id);
    if (!decl) fail(id, `cannot resolve '${id.text}'`);
    const b = this.s.local(decl) ?? this.s.global(decl, id);
    return this.fromBinding(b, id);
  }

  fromBinding(b: Binding, node: ts.Node): Val {
    switch (b.k) {
      case "var": return { c: b.cname, t: b.type, lv: { storage: b.type, mutable: b.mutable }, pure: true, staticAddr: b.isStatic };
      case "storage": {
        const t = valueOf(b.type);
        if (b.type.k === "struct") return { c: `(&${b.cname})`, t: b.readonly ? { ...(t as RefT), readonly: true } : t, addrOf: b.cname, pure: true, linkConst: true };
        return { c: b.cname, t: b.readonly ? { ...b.type, readonly: true } : b.type, pure: true, linkConst: true };
      }
      case "const": {
        const t = b.type;
        const it = baseInt(t);
        const c = t.k === "untyped" ? b.value.toString() : t.k === "bool" ? (b.value ? "true" : "false") : it ? cLiteral(b.value, it) : b.value.toString();
        return { c, t, value: b.value, pure: true };
      }
      case "func": return { c: b.cname, t: b.type, pure: true, linkConst: true };
      case "extern": return { c: b.cname, t: b.type, lv: { storage: b.type, mutable: true }, pure: true, staticAddr: true };
      case "enum": fail(node, `the enum ${b.type.name} is not a value: use one of its members, e.g. ${b.type.name}.${[...b.type.members.keys()][0] ?? "X"}`);
      case "intrinsic": fail(node, `the intrinsic '${b.name}' can only be called`);
      case "poison": fail(node, "");
    }
  }

  private property(e: ts.PropertyAccessExpression): Val {
    if (e.questionDotToken) fail(e, "optional chaining is not in the subset: test for null first");
    const name = e.name.text;
    // Enum members.
    const recvDecl = ts.isIdentifier(e.expression) ? this.ctx.declOf(e.expression) : undefined;
    if (recvDecl && ts.isEnumDeclaration(recvDecl)) {
      const en = this.ctx.enumOf(recvDecl);
      const v = en.members.get(name);
      if (v === undefined) fail(e.name, `${en.name} has no member ${name}`);
      return { c: `${cLiteral(v, en.base)} /* ${en.name}.${name} */`, t: en, value: v, pure: true };
    }
    const recv = this.expr(e.expression);
    if (recv.t.k === "arr" && name === "length") return { c: `${recv.t.n}u`, t: U32, value: BigInt(recv.t.n), pure: true };
    if (recv.t.k === "ref") {
      const s = recv.t.s;
      this.ctx.laidOut(s, e);
      const f = s.fields.find((x) => x.name === name);
      if (!f) fail(e.name, `struct ${s.name} has no field '${name}'`);
      const c = recv.addrOf !== undefined ? `${recv.addrOf}.${cIdent(name)}` : `${paren(recv.c)}->${cIdent(name)}`;
      // A field of module data has a link-time address (addr(s.f) is a constant).
      return this.lvalue(c, f.type, !recv.t.readonly, recv.pure, recv.addrOf !== undefined && recv.linkConst === true);
    }
    if (recv.t.k === "cstr" && name === "length") fail(e, "string operations are not in the subset: CStr is only for literals passed to C");
    fail(e, `'${name}' cannot be read from a value of type ${typeName(recv.t)}: dynamic property access is not in the subset`);
  }

  /** The value of an lvalue `c` holding storage type t. */
  lvalue(c: string, storage: Type, mutable: boolean, pure: boolean, isStatic = false): Val {
    if (storage.k === "struct") return { c: `(&${c})`, t: { k: "ref", s: storage, nullable: false, readonly: !mutable }, addrOf: c, pure, linkConst: isStatic };
    if (storage.k === "arr") return { c, t: storage.readonly || !mutable ? { ...storage, readonly: true } : storage, pure, linkConst: isStatic };
    return { c, t: storage, lv: { storage, mutable }, pure, staticAddr: isStatic };
  }

  private element(e: ts.ElementAccessExpression): Val {
    if (e.questionDotToken) fail(e, "optional chaining is not in the subset");
    const recv = this.expr(e.expression);
    const idx = this.expr(e.argumentExpression);
    if (recv.t.k !== "arr" && recv.t.k !== "ptr") {
      if (recv.t.k === "ref") fail(e, "dynamic property access is not in the subset: read fields by name (s.field)");
      fail(e, `${typeName(recv.t)} cannot be indexed: index an Arr<T, N> or a Ptr<T>`);
    }
    if (!baseInt(idx.t) && idx.t.k !== "untyped") fail(e.argumentExpression, `an index must be an integer, found ${typeName(idx.t)}`);
    if (recv.t.k === "arr" && idx.value !== undefined && (idx.value < 0n || idx.value >= BigInt(recv.t.n))) {
      fail(e.argumentExpression, `index ${idx.value} is out of bounds for ${typeName(recv.t)}`);
    }
    const ic = idx.t.k === "untyped" ? constAs(idx, idx.value! < 0n ? I32 : U32, e) : idx.c;
    const mutable = recv.t.k === "ptr" || !recv.t.readonly;
    const isStatic = recv.t.k === "arr" && recv.linkConst === true && idx.value !== undefined;
    return this.lvalue(`${paren(recv.c)}[${ic}]`, recv.t.elem, mutable, recv.pure && idx.pure, isStatic);
  }

  private as(e: ts.AsExpression): Val {
    if (ts.isTypeReferenceNode(e.type) && e.type.typeName.getText() === "const") return this.expr(e.expression);
    const to = this.ctx.typeOf(e.type);
    const v = this.expr(e.expression);
    if (to.k === "enum") {
      if (v.t === to) return v;
      if (!baseInt(v.t) && v.t.k !== "untyped") fail(e, `cannot convert ${typeName(v.t)} to ${to.name}`);
      const c = castInt(v, to.base, e);
      return { c, t: to, value: v.value === undefined ? undefined : wrap(v.value, to.base), pure: v.pure };
    }
    if (to.k === "int") fail(e, `\`as ${to.name}\` does not convert at run time in JavaScript: write ${to.name}(x)`);
    if (sameType(to, v.t)) return v;
    fail(e, "type assertions are not in the subset (except `x as E` for a const enum): convert explicitly, or use ref<T>(address)");
  }

  // ---- calls ---------------------------------------------------------------------

  private call(e: ts.CallExpression, want?: Type): Val {
    if (e.questionDotToken) fail(e, "optional chaining is not in the subset");
    const callee = e.expression;
    if (callee.kind === ts.SyntaxKind.SuperKeyword) fail(e, "classes are not in the subset");
    if (ts.isIdentifier(callee)) {
      const decl = this.ctx.declOf(callee);
      if (!decl) fail(callee, `cannot resolve '${callee.text}'`);
      const b = this.s.local(decl) ?? this.s.global(decl, callee);
      if (b.k === "intrinsic") {
        if (isConversion(b.name)) return this.conversion(e, b.name);
        return callIntrinsic(this, b.name, e, want);
      }
      if (b.k === "func") return this.direct(e, b.cname, b.type);
      const v = this.fromBinding(b, callee);
      if (v.t.k === "func") return this.direct(e, paren(v.c), v.t, v);
      fail(callee, `'${callee.text}' is not a function`);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const recv = this.ctx.checker.getTypeAtLocation(callee.expression);
      const what = recv.getSymbol()?.getName();
      if (what === "Math") fail(e, "Math is floating point and not in the subset: use integer arithmetic");
      if (callee.name.text === "push" || callee.name.text === "pop" || callee.name.text === "slice" || callee.name.text === "map") {
        fail(e, "array methods are not in the subset: Arr<T, N> is fixed size; index it with a[i]");
      }
    }
    const v = this.expr(callee);
    if (v.t.k === "func") return this.direct(e, paren(v.c), v.t, v);
    fail(callee, "methods are not in the subset: call a function and pass the struct as an argument");
  }

  private direct(e: ts.CallExpression, c: string, f: FuncT, callee?: Val): Val {
    if (e.typeArguments) fail(e, "type arguments are only for the prelude's intrinsics");
    if (e.arguments.length !== f.params.length) fail(e, `expected ${f.params.length} arguments, found ${e.arguments.length}`);
    const args = e.arguments.map((a, i) => {
      if (ts.isSpreadElement(a)) fail(a, "spread arguments are not in the subset");
      const v = this.expr(a, f.params[i]);
      return { c: coerce(v, f.params[i], a), t: f.params[i], v };
    });
    return { c: this.callWith(c, args, callee), t: f.ret, pure: false };
  }

  private conversion(e: ts.CallExpression, name: string): Val {
    if (e.arguments.length !== 1) fail(e, `${name}(x) takes one argument`);
    const to = int(name === "usize" ? "u32" : (name as IntT["name"]));
    const arg = e.arguments[0];
    const s = strip(arg);
    const v = ts.isBinaryExpression(s) && s.operatorToken.kind === ts.SyntaxKind.SlashToken ? this.arith(s, "/", undefined, true) : this.expr(arg);
    if (v.t.k === "untyped") {
      return { c: cLiteral(wrap(v.value!, to), to), t: to, value: wrap(v.value!, to), pure: true };
    }
    if (!baseInt(v.t) && v.t.k !== "bool") fail(arg, `${name}() converts integers and bools, not ${typeName(v.t)}`);
    const value = v.value === undefined ? undefined : wrap(v.value, to);
    return { c: castInt(v, to, arg), t: to, value, pure: v.pure };
  }

  // ---- operators -----------------------------------------------------------------

  private binary(e: ts.BinaryExpression, want?: Type): Val {
    const k = e.operatorToken.kind;
    const S = ts.SyntaxKind;
    if (CHAIN_OPS.has(k)) return this.chain(e, want);
    switch (k) {
      case S.PlusToken: return this.arith(e, "+", want);
      case S.MinusToken: return this.arith(e, "-", want);
      case S.AsteriskToken: return this.arith(e, "*", want);
      case S.PercentToken: return this.arith(e, "%", want);
      case S.AmpersandToken: return this.arith(e, "&", want);
      case S.BarToken: return this.arith(e, "|", want);
      case S.CaretToken: return this.arith(e, "^", want);
      case S.LessThanLessThanToken: return this.arith(e, "<<", want);
      case S.GreaterThanGreaterThanToken: return this.arith(e, ">>", want);
      case S.GreaterThanGreaterThanGreaterThanToken: return this.arith(e, ">>>", want);
      case S.SlashToken: return this.arith(e, "/", want, false);
      case S.AsteriskAsteriskToken: fail(e, "`**` is not in the subset: multiply, or shift for powers of two");
      case S.LessThanToken: return this.compare(e, "<");
      case S.LessThanEqualsToken: return this.compare(e, "<=");
      case S.GreaterThanToken: return this.compare(e, ">");
      case S.GreaterThanEqualsToken: return this.compare(e, ">=");
      case S.EqualsEqualsToken: case S.EqualsEqualsEqualsToken: return this.compare(e, "==");
      case S.ExclamationEqualsToken: case S.ExclamationEqualsEqualsToken: return this.compare(e, "!=");
      case S.AmpersandAmpersandToken: case S.BarBarToken: {
        const a = this.expr(e.left);
        const b = this.expr(e.right);
        if (a.t.k !== "bool" || b.t.k !== "bool") {
          fail(e, "`&&`/`||` on non-bool values gives one of the operands in JavaScript: compare explicitly (x !== 0) or use it as a condition");
        }
        return { c: `(${a.c} ${k === S.AmpersandAmpersandToken ? "&&" : "||"} ${b.c})`, t: BOOL, pure: a.pure && b.pure };
      }
      case S.QuestionQuestionToken: fail(e, "`??` is not in the subset: test for null with a conditional");
      case S.BarBarEqualsToken: case S.AmpersandAmpersandEqualsToken: case S.QuestionQuestionEqualsToken:
        fail(e, "logical assignment is not in the subset: write an if statement");
      case S.EqualsToken: return this.assign(e);
      case S.PlusEqualsToken: return this.compound(e, "+");
      case S.MinusEqualsToken: return this.compound(e, "-");
      case S.AsteriskEqualsToken: return this.compound(e, "*");
      case S.PercentEqualsToken: return this.compound(e, "%");
      case S.AmpersandEqualsToken: return this.compound(e, "&");
      case S.BarEqualsToken: return this.compound(e, "|");
      case S.CaretEqualsToken: return this.compound(e, "^");
      case S.LessThanLessThanEqualsToken: return this.compound(e, "<<");
      case S.GreaterThanGreaterThanEqualsToken: return this.compound(e, ">>");
      case S.GreaterThanGreaterThanGreaterThanEqualsToken: return this.compound(e, ">>>");
      case S.SlashEqualsToken: fail(e, "`/=` is not in the subset: write x = u32(x / y) so the truncation is explicit");
      case S.CommaToken: fail(e, "the comma operator is not in the subset: use separate statements");
      case S.InKeyword: fail(e, "`in` is not in the subset: struct fields are known at compile time");
      case S.InstanceOfKeyword: fail(e, "`instanceof` is not in the subset: there are no classes");
      default: fail(e, `the operator ${e.operatorToken.getText()} is not in the subset`);
    }
  }

  /**
   * A left-associated chain such as `a + b - c + ...` (thousands of terms in
   * generated code) is compiled along its left spine with a loop rather than
   * by recursion, which would exhaust the JavaScript stack.
   */
  private chain(e: ts.BinaryExpression, want?: Type): Val {
    const spine: ts.BinaryExpression[] = [];
    let cur: ts.Expression = e;
    while (ts.isBinaryExpression(cur) && CHAIN_OPS.has(cur.operatorToken.kind)) {
      spine.push(cur);
      cur = cur.left;
    }
    let v = this.expr(cur);
    for (let i = spine.length - 1; i >= 0; i--) {
      const node = spine[i];
      const b = this.expr(node.right);
      v = { ...this.arithVals(node, CHAIN_OPS.get(node.operatorToken.kind)!, v, b, i === 0 ? want : undefined, false), node };
    }
    return v;
  }

  /** Operand types of an arithmetic operator, with the bool/string errors. */
  private operand(v: Val, node: ts.Node, op: string): IntT | null {
    if (v.t.k === "untyped") return null;
    const it = baseInt(v.t);
    if (it) return it;
    if (v.t.k === "cstr") fail(node, "string operations are not in the subset (no concatenation): print the parts one after another");
    if (v.t.k === "bool") fail(node, `\`${op}\` on a bool: convert it with u32(flag) first`);
    fail(node, `\`${op}\` needs integers, found ${typeName(v.t)}`);
  }

  arith(e: ts.BinaryExpression, op: string, want?: Type, inConversion = false): Val {
    const a = this.expr(e.left);
    const b = this.expr(e.right);
    return this.arithVals(e, op, a, b, want, inConversion);
  }

  arithVals(e: ts.Node, op: string, a0: Val, b0: Val, want: Type | undefined, inConversion: boolean): Val {
    const { pre, vals: [a, b] } = this.sequenceVals([a0, b0]);
    const ta = this.operand(a, e, op);
    const tb = this.operand(b, e, op);
    const shift = op === "<<" || op === ">>" || op === ">>>";
    // Both untyped: exact compile-time arithmetic.
    if (!ta && !tb) {
      const big = (a.t as { big: boolean }).big || (b.t as { big: boolean }).big;
      if (op === "/" && !big && !inConversion) fail(e, "`/` on integers must be wrapped in a conversion so JavaScript and C agree: write u32(a / b) or i32(a / b)");
      const value = foldUntyped(e, op, a.value!, b.value!, big);
      return { c: value.toString(), t: big ? UNTYPED_BIG : UNTYPED, value, pure: true };
    }
    let R: IntT;
    if (shift) {
      if (ta) R = promote(ta);
      else {
        const w = want ? baseInt(want) : null;
        R = w && w.bits >= 32 && fits(a.value!, w) ? w : defaultType(a.value!, (a.t as { big: boolean }).big);
      }
    } else if (!ta) R = promote(tb!);
    else if (!tb) R = promote(ta);
    else R = usual(ta, tb);
    const big = R.bits === 64;
    if (op === "/" && !big && !inConversion) {
      fail(e, `\`/\` on ${R.name} must be wrapped in a conversion so JavaScript and C agree: write ${R.name}(a / b)`);
    }
    if ((op === "/" || op === "%") && ta && tb) this.checkSigns(e, ta, tb, op);
    if (op === ">>" && !R.signed && R.bits === 32) fail(e, "`>>` on an unsigned 32-bit value is an arithmetic shift in JavaScript: write >>> for a logical shift");
    if (op === ">>>" && R.bits === 64) fail(e, "`>>>` is not defined for 64-bit values: `>>` on a u64 is already logical");
    if (op === ">>>") R = U32;

    let c: string;
    const av = ta ? castInt(a, R, e) : constAs(a, R, a.node ?? e);
    if (shift) {
      const tc = tb ?? defaultType(b.value!, (b.t as { big: boolean }).big);
      const cc = tb ? b.c : cLiteral(b.value!, tc);
      if (R.bits === 64) {
        // A negative i64 count shifts the other way, as bigint shifts do.
        const signedCount = tc.signed;
        const helper = op === "<<" ? (R.signed ? "tsk_sal64" : "tsk_shl64") : R.signed ? "tsk_sar64" : "tsk_shr64";
        c = `${helper}${signedCount ? "s" : ""}(${av}, ${castInt({ ...b, c: cc, t: tc }, int(signedCount ? "i64" : "u64"), e)})`;
      } else {
        const count = b.value !== undefined ? `${b.value & 31n}` : `(${paren(cc)} & 31)`;
        if (op === ">>>") c = `(${paren(av)} >> ${count})`;
        else if (op === "<<" && R.signed) c = `((int32_t)((uint32_t)${paren(av)} << ${count}))`;
        else c = `(${paren(av)} ${op} ${count})`;
      }
    } else {
      const bv = tb ? castInt(b, R, e) : constAs(b, R, b.node ?? e);
      if ((op === "/" || op === "%") && b.value !== undefined && wrap(b.value, R) === 0n) fail(b.node ?? e, "division by zero");
      // A divisor the compiler does not know (or -1) goes through tsk_div/tsk_rem,
      // which hide it from gcc's optimizer, so that x / 0 and INT_MIN / -1 really
      // execute the divide instruction and trap, as docs/subset.md promises.
      const hidden = (op === "/" || op === "%") && (b.value === undefined || (R.signed && wrap(b.value, R) === -1n));
      c = hidden ? `tsk_${op === "/" ? "div" : "rem"}_${R.name}(${av}, ${bv})` : `(${paren(av)} ${op} ${paren(bv)})`;
    }
    let value: bigint | undefined;
    if (a.value !== undefined && b.value !== undefined) value = foldTyped(e, op, a.value, b.value, R);
    return { c: stmtExpr(pre, c), t: R, value, pure: a.pure && b.pure };
  }

  /** `/`, `%` and comparisons depend on signedness: refuse the forms where C's
   *  common type is unsigned but an operand is signed (C would turn -1 into
   *  0xffffffff, JavaScript would not). */
  private checkSigns(e: ts.Node, ta: IntT, tb: IntT, op: string): void {
    const R = usual(ta, tb);
    if (R.signed || (!ta.signed && !tb.signed)) return;
    fail(e, `\`${op}\` mixes ${ta.name} and ${tb.name}: C would convert the signed side to ${R.name}; convert one side explicitly, e.g. i64(x) or u32(y)`);
  }

  private compare(e: ts.BinaryExpression, op: string): Val {
    const a = this.expr(e.left);
    const b = this.expr(e.right);
    return this.compareVals(e, op, a, b);
  }

  compareVals(e: ts.Node, op: string, a0: Val, b0: Val): Val {
    const { pre, vals: [a, b] } = this.sequenceVals([a0, b0]);
    const r = this.compareSequenced(e, op, a, b);
    return { ...r, c: stmtExpr(pre, r.c) };
  }

  private compareSequenced(e: ts.Node, op: string, a: Val, b: Val): Val {
    const eq = op === "==" || op === "!=";
    const pure = a.pure && b.pure;
    const ia = a.t.k === "untyped" || baseInt(a.t);
    const ib = b.t.k === "untyped" || baseInt(b.t);
    if (ia && ib) {
      if (a.t.k === "enum" && b.t.k === "enum" && a.t !== b.t) fail(e, `cannot compare ${a.t.name} with ${b.t.name}`);
      if (a.t.k === "untyped" && b.t.k === "untyped") {
        const value = BigInt(cmp(op, a.value!, b.value!));
        return { c: value ? "true" : "false", t: BOOL, value, pure: true };
      }
      const ta = a.t.k === "untyped" ? null : baseInt(a.t)!;
      const tb = b.t.k === "untyped" ? null : baseInt(b.t)!;
      if (ta && tb) this.checkSigns(e, ta, tb, op);
      const R = ta && tb ? usual(ta, tb) : promote((ta ?? tb)!);
      const av = castInt(a, R, e);
      const bv = castInt(b, R, e);
      const value = a.value !== undefined && b.value !== undefined ? BigInt(cmp(op, a.value, b.value)) : undefined;
      return { c: `(${paren(av)} ${op} ${paren(bv)})`, t: BOOL, value, pure };
    }
    if (!eq) fail(e, `\`${op}\` compares integers only, not ${typeName(a.t)} and ${typeName(b.t)}`);
    if (a.t.k === "bool" && b.t.k === "bool") return { c: `(${paren(a.c)} ${op} ${paren(b.c)})`, t: BOOL, pure };
    if (a.t.k === "cstr" || b.t.k === "cstr") fail(e, "strings cannot be compared: CStr is only for literals passed to C");
    const refLike = (t: Type) => t.k === "ref" || t.k === "func" || t.k === "ptr" || t.k === "null";
    if (refLike(a.t) && refLike(b.t)) {
      const ok = a.t.k === "null" || b.t.k === "null" || sameType({ ...a.t, nullable: false } as Type, { ...b.t, nullable: false } as Type);
      if (!ok) fail(e, `cannot compare ${typeName(a.t)} with ${typeName(b.t)}`);
      return { c: `(${paren(a.c)} ${op} ${paren(b.c)})`, t: BOOL, pure };
    }
    fail(e, `cannot compare ${typeName(a.t)} with ${typeName(b.t)}`);
  }

  private assign(e: ts.BinaryExpression): Val {
    if (ts.isObjectLiteralExpression(e.left) || ts.isArrayLiteralExpression(e.left)) fail(e.left, "destructuring is not in the subset: assign each value separately");
    const target = this.expr(e.left);
    const lv = this.requireLvalue(target, e.left);
    const v = this.expr(e.right, lv.storage);
    const rhs = coerce(v, lv.storage, e.right);
    // JavaScript finds the target before evaluating the value.
    if (!v.pure && !isName(target.c)) {
      const p = this.temp();
      return { c: stmtExpr([`${cDecl(lv.storage, `*${p}`)} = &${paren(target.c)};`], `*${p} = ${rhs}`), t: lv.storage, pure: false };
    }
    return { c: `(${target.c} = ${rhs})`, t: lv.storage, pure: false };
  }

  requireLvalue(v: Val, node: ts.Node): { storage: Type; mutable: boolean } {
    if (!v.lv) {
      if (v.t.k === "ref" && v.addrOf) fail(node, "a struct stored in place cannot be assigned as a whole: assign its fields, or memcpy(addr(dst), addr(src), sizeOf<S>())");
      if (v.t.k === "arr") fail(node, "an array cannot be assigned as a whole: assign its elements or use memcpy");
      fail(node, "this expression cannot be assigned to");
    }
    if (!v.lv.mutable) fail(node, "this is read-only (a const or a readonly table)");
    return v.lv;
  }

  private compound(e: ts.BinaryExpression, op: string): Val {
    const target = this.expr(e.left);
    const lv = this.requireLvalue(target, e.left);
    const T = baseInt(lv.storage);
    if (!T) {
      if (lv.storage.k === "cstr") fail(e, "string concatenation is not in the subset");
      fail(e, `\`${op}=\` needs an integer variable, found ${typeName(lv.storage)}`);
    }
    const rhs = this.expr(e.right);
    const shift = op === "<<" || op === ">>" || op === ">>>";
    if (target.pure && rhs.pure) {
      const r = this.arithVals(e, op, { ...target, t: T }, rhs, undefined, false);
      if (!shift && op !== "%" && T.bits <= 32 && lv.storage.k === "int") {
        // C's own compound assignment converts back exactly as the subset says
        // (not for %=, whose divisor must go through tsk_rem to trap on zero).
        const rv = rhs.t.k === "untyped" ? constAs(rhs, r.t as IntT, e) : castInt(rhs, r.t as IntT, e);
        return { c: `(${target.c} ${op}= ${paren(rv)})`, t: T, pure: false };
      }
      return { c: `(${target.c} = ${castInt(r, T, e)})`, t: T, pure: false };
    }
    // JavaScript finds the target, reads it, then evaluates the right-hand
    // side: a pointer and a temporary keep that order (and one evaluation).
    const p = this.temp();
    const old = this.temp();
    const r = this.arithVals(e, op, { c: old, t: T, pure: true }, rhs, undefined, false);
    return {
      c: stmtExpr([`${cDecl(lv.storage, `*${p}`)} = &${paren(target.c)};`, `${cDecl(T, old)} = *${p};`], `*${p} = ${castInt(r, T, e)}`),
      t: T,
      pure: false,
    };
  }

  private prefix(e: ts.PrefixUnaryExpression, want?: Type): Val {
    const S = ts.SyntaxKind;
    switch (e.operator) {
      case S.ExclamationToken: {
        const v = this.cond(e.operand);
        return { c: `(!${paren(v.c)})`, t: BOOL, pure: v.pure, value: v.value === undefined ? undefined : v.value ? 0n : 1n };
      }
      case S.PlusPlusToken: case S.MinusMinusToken: return this.incdec(e.operand, e.operator === S.PlusPlusToken ? "++" : "--", true);
      case S.MinusToken: case S.TildeToken: case S.PlusToken: {
        const v = this.expr(e.operand, want);
        const op = e.operator === S.MinusToken ? "-" : e.operator === S.TildeToken ? "~" : "+";
        if (v.t.k === "untyped") {
          // ~ on a number constant works on its 32 bits, as in JavaScript.
          const value = op === "-" ? -v.value! : op === "~" ? (v.t.big ? ~v.value! : ~BigInt.asIntN(32, v.value!)) : v.value!;
          return { c: value.toString(), t: v.t, value, pure: true };
        }
        const T = this.operand(v, e, op)!;
        const R = promote(T);
        if (op === "+") return { ...v, t: R, c: castInt(v, R, e), lv: undefined };
        const value = v.value === undefined ? undefined : wrap(op === "-" ? -v.value : ~v.value, R);
        return { c: `(${op}${paren(castInt(v, R, e))})`, t: R, value, pure: v.pure };
      }
      default: fail(e, "this operator is not in the subset");
    }
  }

  private postfix(e: ts.PostfixUnaryExpression): Val {
    return this.incdec(e.operand, e.operator === ts.SyntaxKind.PlusPlusToken ? "++" : "--", false);
  }

  private incdec(operand: ts.Expression, op: string, prefix: boolean): Val {
    const v = this.expr(operand);
    const lv = this.requireLvalue(v, operand);
    if (!baseInt(lv.storage) || lv.storage.k === "enum") fail(operand, `\`${op}\` needs an integer variable, found ${typeName(lv.storage)}`);
    return { c: prefix ? `(${op}${v.c})` : `(${v.c}${op})`, t: lv.storage, pure: false };
  }

  private conditional(e: ts.ConditionalExpression, want?: Type): Val {
    const c = this.cond(e.condition);
    const a = this.expr(e.whenTrue, want);
    const b = this.expr(e.whenFalse, want);
    const t = want && want.k !== "void" ? want : unify(a, b, e);
    return { c: `(${c.c} ? ${coerce(a, t, e.whenTrue)} : ${coerce(b, t, e.whenFalse)})`, t, pure: c.pure && a.pure && b.pure };
  }
}

const CHAIN_OPS = new Map<ts.SyntaxKind, string>([
  [ts.SyntaxKind.PlusToken, "+"], [ts.SyntaxKind.MinusToken, "-"], [ts.SyntaxKind.AsteriskToken, "*"],
  [ts.SyntaxKind.PercentToken, "%"], [ts.SyntaxKind.AmpersandToken, "&"], [ts.SyntaxKind.BarToken, "|"],
  [ts.SyntaxKind.CaretToken, "^"], [ts.SyntaxKind.LessThanLessThanToken, "<<"],
  [ts.SyntaxKind.GreaterThanGreaterThanToken, ">>"], [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, ">>>"],
]);

/** Constants need no temporary: their value cannot change. Arrays are addresses. */
function isConstant(v: Val): boolean {
  return v.value !== undefined || v.linkConst === true || v.t.k === "untyped" || v.t.k === "null" || v.t.k === "arr";
}

function isName(c: string): boolean { return /^[A-Za-z_][A-Za-z0-9_]*$/.test(c); }

/** A GNU C statement expression: the declarations run in order, then c gives the value. */
export function stmtExpr(pre: string[], c: string): string {
  return pre.length === 0 ? c : `({ ${pre.join(" ")} ${c}; })`;
}

function unify(a: Val, b: Val, node: ts.Node): Type {
  if (a.t.k === "untyped" && b.t.k === "untyped") {
    const big = a.t.big || b.t.big;
    const t1 = defaultType(a.value!, big);
    const t2 = defaultType(b.value!, big);
    return t1.bits >= t2.bits ? t1 : t2;
  }
  if (a.t.k === "untyped") return b.t;
  if (b.t.k === "untyped") return a.t;
  if (a.t.k === "null") return b.t.k === "ref" || b.t.k === "func" ? { ...b.t, nullable: true } : fail(node, "null is only for references");
  if (b.t.k === "null") return a.t.k === "ref" || a.t.k === "func" ? { ...a.t, nullable: true } : fail(node, "null is only for references");
  if (a.t.k === "int" && b.t.k === "int") {
    if (widens(a.t, b.t)) return b.t;
    if (widens(b.t, a.t)) return a.t;
    fail(node, `the branches have types ${a.t.name} and ${b.t.name}: convert one of them`);
  }
  if (sameType(a.t, b.t)) {
    if ((a.t.k === "ref" || a.t.k === "func") && (b.t.k === "ref" || b.t.k === "func")) return { ...a.t, nullable: a.t.nullable || b.t.nullable } as Type;
    return a.t;
  }
  fail(node, `the branches have different types: ${typeName(a.t)} and ${typeName(b.t)}`);
}

function cmp(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return a === b;
    default: return a !== b;
  }
}

function foldExact(node: ts.Node, op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": if (b === 0n) fail(node, "division by zero"); return a / b;
    case "%": if (b === 0n) fail(node, "division by zero"); return a % b;
    case "&": return a & b;
    case "|": return a | b;
    case "^": return a ^ b;
    case "<<": if (b < -1024n || b > 1024n) fail(node, "shift count out of range"); return a << b;
    case ">>": if (b < -1024n || b > 1024n) fail(node, "shift count out of range"); return a >> b;
    case ">>>": return BigInt.asUintN(32, a) >> (b & 31n);
  }
  throw new Error(`internal: fold ${op}`);
}

const EXACT_LIMIT = 1n << 53n;
/**
 * Untyped constants compute as JavaScript does, so that `1 << 31` means the
 * same compiled and under Node: bigint constants exactly; number constants
 * exactly for + - * / % (refused beyond 2^53, where doubles round) and with
 * 32-bit operands for the bitwise operators and shifts (`1 << 31` is
 * -2147483648, `0xffffffff | 0` is -1).
 */
function foldUntyped(node: ts.Node, op: string, a: bigint, b: bigint, big: boolean): bigint {
  if (big) return foldExact(node, op, a, b);
  const i32 = (x: bigint) => BigInt.asIntN(32, x);
  let r: bigint;
  switch (op) {
    case "&": r = i32(a) & i32(b); break;
    case "|": r = i32(a) | i32(b); break;
    case "^": r = i32(a) ^ i32(b); break;
    case "<<": r = i32(i32(a) << (b & 31n)); break;
    case ">>": r = i32(a) >> (b & 31n); break;
    case ">>>": r = BigInt.asUintN(32, a) >> (b & 31n); break;
    default: r = foldExact(node, op, a, b);
  }
  if (r > EXACT_LIMIT || r < -EXACT_LIMIT) fail(node, `the constant ${r} is beyond 2^53, where JavaScript numbers round: use a bigint constant (${r}n) or typed arithmetic`);
  return r;
}

function foldTyped(node: ts.Node, op: string, a: bigint, b: bigint, R: IntT): bigint {
  a = wrap(a, R);
  if (op === "<<" || op === ">>" || op === ">>>") {
    if (R.bits === 64 && b < 0n && op !== ">>>") return foldTyped(node, op === "<<" ? ">>" : "<<", a, -b, R);
    const n = R.bits === 64 ? BigInt.asUintN(64, b) : b & 31n;
    if (n >= 64n) return op === ">>" && a < 0n ? -1n : 0n;
    if (op === ">>>") return BigInt.asUintN(32, a) >> n;
    return wrap(op === "<<" ? a << n : a >> n, R);
  }
  b = wrap(b, R);
  if ((op === "/" || op === "%") && b === 0n) fail(node, "division by zero");
  if ((op === "/" || op === "%") && R.signed && b === -1n && a === -(1n << BigInt(R.bits - 1))) {
    fail(node, `${R.name} minimum / -1 overflows: it traps at run time, so it cannot be a constant`);
  }
  return wrap(foldExact(node, op, a, b), R);
}

const UNSUPPORTED: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.ArrowFunction]: "closures (arrow functions) are not in the subset: declare a top-level function and pass it as a function reference",
  [ts.SyntaxKind.FunctionExpression]: "function expressions are not in the subset: declare a top-level function and pass it as a function reference",
  [ts.SyntaxKind.NewExpression]: "`new` is not in the subset: there is no heap; reserve storage with zeroed() or allocate with the kernel's allocator and ref<T>(address)",
  [ts.SyntaxKind.ThisKeyword]: "`this` is not in the subset: pass the struct as a parameter",
  [ts.SyntaxKind.TemplateExpression]: "template literals are not in the subset: print the parts one after another",
  [ts.SyntaxKind.ObjectLiteralExpression]: "an object literal only initialises storage: `const p: Point = { x: 1, y: 2 };`",
  [ts.SyntaxKind.ArrayLiteralExpression]: "an array literal only initialises storage: `const t: Arr<u32, 3> = [1, 2, 3];`",
  [ts.SyntaxKind.SpreadElement]: "spread is not in the subset: copy with memcpy",
  [ts.SyntaxKind.AwaitExpression]: "async/await is not in the subset",
  [ts.SyntaxKind.YieldExpression]: "generators are not in the subset",
  [ts.SyntaxKind.TypeOfExpression]: "`typeof` is not in the subset: types are known at compile time",
  [ts.SyntaxKind.DeleteExpression]: "`delete` is not in the subset: structs have fixed fields",
  [ts.SyntaxKind.VoidExpression]: "`void expr` is not in the subset",
  [ts.SyntaxKind.TaggedTemplateExpression]: "tagged templates are not in the subset",
  [ts.SyntaxKind.ClassExpression]: "classes are not in the subset: declare an interface and functions",
  [ts.SyntaxKind.TypeAssertionExpression]: "`<T>x` assertions are not in the subset: convert explicitly",
  [ts.SyntaxKind.RegularExpressionLiteral]: "regular expressions are not in the subset",
  [ts.SyntaxKind.SuperKeyword]: "classes are not in the subset",
  [ts.SyntaxKind.MetaProperty]: "`import.meta` and `new.target` are not in the subset",
};

export function unsupportedExpr(e: ts.Node): never {
  fail(e, UNSUPPORTED[e.kind] ?? `${ts.SyntaxKind[e.kind]} is not in the subset`);
}

export { strip };
