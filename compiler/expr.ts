// Expressions: each is typed by the subset's rules (docs/subset.md) and
// spelled in C. The C spelling makes every conversion explicit, so gcc has no
// room to interpret an expression differently from this file. Operators are
// in operators.ts and assign.ts, constants in constants.ts, implicit
// conversions in coerce.ts.
import ts from "typescript";
import { fail } from "./diagnostics.js";
import type { Binding, Ctx } from "./context.js";
import { callIntrinsic, isConversion } from "./intrinsics.js";
import { type Scope, type Val, cString, isConstant, isName, paren, stmtExpr, strip } from "./cexpr.js";
import { coerce } from "./coerce.js";
import { castInt, constAs, literalValue } from "./constants.js";
import { arith, binary, conditional, prefix } from "./operators.js";
import { postfix } from "./assign.js";
import { MODULE, UNKNOWN, loadOrigins } from "./origins.js";
import {
  BOOL, CSTR, FuncT, I32, IntT, NULL, RefT, Type, U32, UNTYPED, UNTYPED_BIG, baseInt, cDecl, cLiteral, cIdent, fits, hullOf, int, sameType, typeName, valueOf, widens, wrap,
} from "./types.js";

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
      // An array operand is held by the address of its first element (const
      // for a read-only table, which lives in .rodata).
      const t: Type = x.t.k === "arr" ? { k: "ptr", elem: x.t.elem } : x.t;
      pre.push(`${x.t.k === "arr" && x.t.readonly ? "const " : ""}${cDecl(t, name)} = ${x.c};`);
      return name;
    });
    return { pre, cs };
  }

  temp(): string { return `tsk_t${++this.temps}`; }

  /** Sequences operand Vals (see sequence()), giving back Vals that read the temporaries. */
  sequenceVals(vals: Val[]): { pre: string[]; vals: Val[] } {
    const { pre, cs } = this.sequence(vals.map((v) => ({ c: v.c, t: v.t, pure: v.pure, constant: isConstant(v) })));
    return { pre, vals: vals.map((v, i) => (cs[i] === v.c ? v : { ...v, c: cs[i], lv: undefined, addrOf: undefined })) };
  }

  /** A call whose arguments are already converted to the parameter types.
   *  A callee that is not a constant (a variable, a table element, a field)
   *  is evaluated before them, as in JavaScript: `h((h = g)(5))` calls the old h. */
  callWith(fn: string, args: { c: string; t: Type; v: Val }[], callee?: Val): string {
    const items = args.map((a) => ({ c: a.c, t: a.t, pure: a.v.pure, constant: isConstant(a.v) }));
    const computed = callee !== undefined && !isConstant(callee);
    if (computed) items.unshift({ c: callee.c, t: callee.t, pure: callee.pure, constant: false });
    const { pre, cs } = this.sequence(items);
    const f = computed ? paren(cs.shift()!) : fn;
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
      case ts.SyntaxKind.NullKeyword: return { c: "NULL", t: NULL, pure: true, linkConst: true, origins: [] };
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
      case ts.SyntaxKind.BinaryExpression: return binary(this, e as ts.BinaryExpression, want);
      case ts.SyntaxKind.PrefixUnaryExpression: return prefix(this, e as ts.PrefixUnaryExpression, want);
      case ts.SyntaxKind.PostfixUnaryExpression: return postfix(this, e as ts.PostfixUnaryExpression);
      case ts.SyntaxKind.ConditionalExpression: return conditional(this, e as ts.ConditionalExpression, want);
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
      case "var": {
        const origins = b.origin && (b.type.k === "ref" || b.type.k === "ptr" || b.type.k === "arr") ? [b.origin] : undefined;
        return { c: b.cname, t: b.type, lv: { storage: b.type, mutable: b.mutable }, pure: true, staticAddr: b.isStatic, origins, local: b.origin };
      }
      case "storage": {
        const t = valueOf(b.type);
        const origins = b.origin ? [b.origin] : [MODULE];
        if (b.type.k === "struct") return { c: `(&${b.cname})`, t: b.readonly ? { ...(t as RefT), readonly: true } : t, addrOf: b.cname, pure: true, linkConst: true, origins };
        return { c: b.cname, t: b.readonly ? { ...b.type, readonly: true } : b.type, pure: true, linkConst: true, origins };
      }
      case "const": {
        const t = b.type;
        const it = baseInt(t);
        const c = t.k === "untyped" ? b.value.toString() : t.k === "bool" ? (b.value ? "true" : "false") : it ? cLiteral(b.value, it) : b.value.toString();
        return { c, t, value: b.value, pure: true, exact: b.exact };
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
      return { c: `${cLiteral(v, en.base)} /* ${en.name}.${name} */`, t: en, value: v, pure: true, exact: true };
    }
    const recv = this.expr(e.expression);
    if (recv.t.k === "arr" && name === "length") {
      if (recv.pure) return { c: `${recv.t.n}u`, t: U32, value: BigInt(recv.t.n), pure: true, exact: true };
      // `pick().arr.length` still calls pick().
      return { c: stmtExpr([`(void)${paren(recv.c)};`], `${recv.t.n}u`), t: U32, pure: false };
    }
    if (recv.t.k === "ref") {
      const s = recv.t.s;
      this.ctx.laidOut(s, e);
      const f = s.fields.find((x) => x.name === name);
      if (!f) fail(e.name, `struct ${s.name} has no field '${name}'`);
      const c = recv.addrOf !== undefined ? `${recv.addrOf}.${cIdent(name)}` : `${paren(recv.c)}->${cIdent(name)}`;
      // A field of module data has a link-time address (addr(s.f) is a constant).
      const packed = s.packed || recv.packed === true;
      return { ...this.lvalue(c, f.type, !recv.t.readonly, recv.pure, recv.addrOf !== undefined && recv.linkConst === true), ...partOf(recv, f.type), packed };
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
    const mutable = recv.t.k === "ptr" || !recv.t.readonly;
    const isStatic = recv.t.k === "arr" && recv.linkConst === true && idx.value !== undefined;
    // JavaScript evaluates the array before the index (`get().arr[idx()]`):
    // when that matters, both go into temporaries and the element is reached
    // through its address, which keeps it an lvalue.
    const { pre, vals: [r, i] } = this.sequenceVals([recv, idx]);
    const ic = i.t.k === "untyped" ? constAs(i, i.value! < 0n ? I32 : U32, e) : i.c;
    const c = pre.length === 0 ? `${paren(r.c)}[${ic}]` : `(*${stmtExpr(pre, `&${r.c}[${ic}]`)})`;
    return { ...this.lvalue(c, recv.t.elem, mutable, recv.pure && idx.pure, isStatic), ...partOf(recv, recv.t.elem), packed: recv.packed };
  }

  private as(e: ts.AsExpression): Val {
    if (ts.isTypeReferenceNode(e.type) && e.type.typeName.getText() === "const") return this.expr(e.expression);
    const to = this.ctx.typeOf(e.type);
    const v = this.expr(e.expression);
    if (to.k === "enum") {
      if (v.t === to) return v;
      const from = baseInt(v.t);
      if (!from && v.t.k !== "untyped") fail(e, `cannot convert ${typeName(v.t)} to ${to.name}`);
      // An enum's values stay within the type that holds its members (its
      // hull), so that it converts where they fit: `x as E` takes a value
      // of that type, wrapped explicitly if need be.
      const hull = hullOf(to);
      if (v.value !== undefined && v.pure) {
        if (!fits(v.value, hull)) fail(e, `${v.value} is outside ${to.name}, whose members fit ${hull.name}`);
      } else if (!from || !widens(from, hull) || v.t.k === "enum") {
        fail(e, `\`as ${to.name}\` takes a ${hull.name} (the type that holds ${to.name}'s members): write ${hull.name}(x) as ${to.name}`);
      }
      return { c: castInt(v, to.base, e), t: to, value: v.value, pure: v.pure, exact: v.exact };
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
      if (b.k === "func") return this.direct(e, b.cname, b.type, undefined, b.decl);
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

  private direct(e: ts.CallExpression, c: string, f: FuncT, callee?: Val, named?: ts.FunctionDeclaration): Val {
    if (e.typeArguments) fail(e, "type arguments are only for the prelude's intrinsics");
    if (e.arguments.length !== f.params.length) fail(e, `expected ${f.params.length} arguments, found ${e.arguments.length}`);
    const args = e.arguments.map((a, i) => {
      if (ts.isSpreadElement(a)) fail(a, "spread arguments are not in the subset");
      const v = this.expr(a, f.params[i]);
      return { c: coerce(v, f.params[i], a), t: f.params[i], v };
    });
    // The escape check learns which arguments a function keeps, and what its result may be (escape.ts).
    const result = this.ctx.escapes.call(named, named?.name?.text ?? c, args.map((a, i) => ({ from: a.v.origins, node: e.arguments[i]!, t: a.t })));
    const origins = f.ret.k === "ref" || f.ret.k === "ptr" ? [result] : undefined;
    return { c: this.callWith(c, args, callee), t: f.ret, pure: false, origins };
  }

  private conversion(e: ts.CallExpression, name: string): Val {
    if (e.arguments.length !== 1) fail(e, `${name}(x) takes one argument`);
    const to = int(name === "usize" ? "u32" : (name as IntT["name"]));
    const arg = e.arguments[0];
    const s = strip(arg);
    const v = ts.isBinaryExpression(s) && s.operatorToken.kind === ts.SyntaxKind.SlashToken ? arith(this, s, "/", undefined, true) : this.expr(arg);
    if (v.t.k === "untyped") {
      return { c: cLiteral(wrap(v.value!, to), to), t: to, value: wrap(v.value!, to), pure: true, exact: true };
    }
    if (!baseInt(v.t) && v.t.k !== "bool") fail(arg, `${name}() converts integers and bools, not ${typeName(v.t)}`);
    const value = v.value === undefined ? undefined : wrap(v.value, to);
    // The conversion functions wrap under Node too: a known result is exact.
    return { c: castInt(v, to, arg), t: to, value, pure: v.pure, exact: value !== undefined };
  }
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

/** A field or element of storage that recv refers to: an embedded struct or
 *  array is a reference into the same storage, a reference held in it is a
 *  load from that storage; any lvalue in it is stored in that storage
 *  (escape.ts). */
function partOf(recv: Val, storage: Type): Pick<Val, "origins" | "container"> {
  const inPlace = storage.k === "struct" || storage.k === "arr";
  return { origins: inPlace ? recv.origins : loadOrigins(recv.origins, storage), container: recv.origins ?? [UNKNOWN] };
}
