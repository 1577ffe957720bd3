// Storage initialisers: zeroed(), object literals for structs and array
// literals for arrays, at module level (static data, constant values only)
// and in functions (stack storage).
import ts from "typescript";
import { fail } from "./diagnostics.js";
import type { Ctx } from "./context.js";
import { ExprCompiler } from "./expr.js";
import type { Val } from "./cexpr.js";
import { coerce } from "./coerce.js";
import { ArrT, StructT, Type, cIdent, typeName } from "./types.js";

export interface StorageAttrs { align?: number; section?: string }

export function isZeroedCall(ctx: Ctx, e: ts.Expression): e is ts.CallExpression {
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== "zeroed") return false;
  const d = ctx.declOf(e.expression);
  return d !== undefined && ctx.isPrelude(d);
}

/** `{ ... } as S` is how TypeScript accepts a partial literal: the literal is what counts. */
export function unwrapLiteral(e: ts.Expression): ts.Expression {
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) {
    const inner = e.expression;
    if (!ts.isObjectLiteralExpression(inner) && !ts.isArrayLiteralExpression(inner) && !ts.isParenthesizedExpression(inner)) break;
    e = inner;
  }
  return e;
}

export function isStorageInit(e: ts.Expression): boolean {
  e = unwrapLiteral(e);
  return ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e) ||
    (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "zeroed");
}

/** The storage type a `const x: T = <storage initialiser>` declares, and whether it is read-only. */
/**
 * The storage a declaration initialised by zeroed() or a literal reserves.
 * `let buf: u32[] = []` is a JavaScript array that grows; the subset has
 * none, so it is refused with the fixed-size form to write instead.
 */
export function storageFor(ctx: Ctx, decl: ts.VariableDeclaration, typeNode: ts.TypeNode, init: ts.Expression, isConst: boolean): StructT | ArrT {
  init = unwrapLiteral(init);
  const bare = ts.isTypeOperatorNode(typeNode) ? typeNode.type : typeNode;
  if (ts.isArrayTypeNode(bare) && (!isConst || (ts.isArrayLiteralExpression(init) && init.elements.length === 0))) {
    const elem = bare.elementType.getText();
    fail(typeNode, `arrays do not grow in the subset: reserve a fixed size, \`const buf: Arr<${elem}, 16> = zeroed();\` (an unsized \`${elem}[]\` is only a const table of the literal's elements)`);
  }
  if (!isConst) fail(decl, "bind storage with const: the name always refers to the same storage");
  let node = typeNode;
  let readonly = false;
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) {
    readonly = true;
    node = node.type;
  }
  if (ts.isTypeReferenceNode(node) && node.typeName.getText() === "Readonly" && node.typeArguments?.length === 1) {
    readonly = true;
  }
  if (ts.isArrayTypeNode(node)) {
    if (!ts.isArrayLiteralExpression(init)) fail(typeNode, "an unsized array needs an array literal: use Arr<T, N> with zeroed()");
    const elem = ctx.typeOf(node.elementType, "storage");
    return { k: "arr", elem, n: init.elements.length, readonly };
  }
  const t = ctx.typeOf(node, "storage");
  if (t.k !== "struct" && t.k !== "arr") {
    fail(init, `${typeName(t)} is not storage: zeroed() and literals initialise structs and arrays; write a plain value for a scalar`);
  }
  if (t.k === "arr" && ts.isArrayLiteralExpression(init) && init.elements.length > t.n) {
    fail(init, `${init.elements.length} elements do not fit ${typeName(t)}`);
  }
  ctx.sizeOf(t, typeNode);
  if (t.k === "arr") return readonly ? { ...t, readonly } : t;
  return t;
}

export function isReadonlyAnnotation(typeNode: ts.TypeNode): boolean {
  return (ts.isTypeOperatorNode(typeNode) && typeNode.operator === ts.SyntaxKind.ReadonlyKeyword) ||
    (ts.isTypeReferenceNode(typeNode) && typeNode.typeName.getText() === "Readonly");
}

/** C initialiser text ("" means none: zero-filled, e.g. in .bss), storage
 *  attributes, and declarations that must run first (see literalValues). */
export function initializer(ctx: Ctx, ec: ExprCompiler, storage: StructT | ArrT, init: ts.Expression, isStatic: boolean): { attrs: StorageAttrs; c: string; pre: string[] } {
  init = unwrapLiteral(init);
  if (ts.isCallExpression(init)) {
    if (!isZeroedCall(ctx, init)) fail(init, "storage is initialised by zeroed(), an object literal or an array literal");
    return { attrs: zeroedOptions(init), c: isStatic ? "" : "{0}", pre: [] };
  }
  const items: Item[] = [];
  const text = literal(ctx, ec, storage, init, isStatic, items);
  if (!isStatic) ctx.escapes.initialised(init, items.map((x) => ({ origins: x.v.origins, t: x.t })));
  const { pre, cs } = ec.sequence(items.map((x) => ({ c: x.c, t: x.t, pure: x.v.pure, constant: x.v.value !== undefined || x.v.linkConst === true })));
  // Each value stands in the text as a placeholder until we know whether it
  // is read from a temporary (the literal's values run in source order).
  return { attrs: {}, c: text.replace(/\u0001(\d+)\u0001/g, (_, i: string) => cs[Number(i)]), pre };
}

interface Item { c: string; t: Type; v: Val }

function zeroedOptions(call: ts.CallExpression): StorageAttrs {
  if (call.arguments.length === 0) return {};
  const [opts] = call.arguments;
  if (call.arguments.length > 1 || !ts.isObjectLiteralExpression(opts)) fail(call, "zeroed() takes an optional { align, section } object literal");
  const attrs: StorageAttrs = {};
  for (const p of opts.properties) {
    if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) fail(p, "write `align: 4096` or `section: \".name\"`");
    if (p.name.text === "align") {
      if (!ts.isNumericLiteral(p.initializer)) fail(p.initializer, "align must be a number literal");
      const a = Number(p.initializer.text);
      if (!Number.isInteger(a) || a <= 0 || (a & (a - 1)) !== 0) fail(p.initializer, "align must be a power of two");
      attrs.align = a;
    } else if (p.name.text === "section") {
      if (!ts.isStringLiteral(p.initializer) || !/^[.A-Za-z0-9_$]+$/.test(p.initializer.text)) fail(p.initializer, "section must be a string literal like \".bss.pagetables\"");
      attrs.section = p.initializer.text;
    } else fail(p.name, `unknown storage option '${p.name.text}' (align, section)`);
  }
  return attrs;
}

function literal(ctx: Ctx, ec: ExprCompiler, t: Type, e: ts.Expression, isStatic: boolean, items: Item[]): string {
  e = unwrapLiteral(e);
  if (t.k === "struct") {
    if (!ts.isObjectLiteralExpression(e)) fail(e, "a struct stored in place needs an object literal { ... }");
    ctx.laidOut(t, e);
    const parts: string[] = [];
    const seen = new Set<string>();
    for (const p of e.properties) {
      if (ts.isSpreadAssignment(p)) fail(p, "spread is not in the subset: list the fields");
      if (ts.isGetAccessor(p) || ts.isSetAccessor(p)) fail(p, "getters and setters are not in the subset: give the field its value");
      if (ts.isMethodDeclaration(p)) fail(p, "methods are not in the subset: store a function reference in a field");
      if (!p.name || !ts.isIdentifier(p.name)) fail(p, "field names must be identifiers");
      const name = p.name.text;
      const f = t.fields.find((x) => x.name === name);
      if (!f) fail(p.name, `struct ${t.name} has no field '${name}'`);
      if (seen.has(name)) fail(p.name, `field '${name}' is given twice`);
      seen.add(name);
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : fail(p, "write `field: value`");
      parts.push(`.${cIdent(name)} = ${literal(ctx, ec, f.type, value, isStatic, items)}`);
    }
    return parts.length === 0 ? "{0}" : `{ ${parts.join(", ")} }`;
  }
  if (t.k === "arr") {
    if (!ts.isArrayLiteralExpression(e)) fail(e, `expected an array literal for ${typeName(t)}`);
    if (e.elements.length > t.n) fail(e, `${e.elements.length} elements do not fit ${typeName(t)}`);
    const parts = e.elements.map((x) => {
      if (ts.isSpreadElement(x)) fail(x, "spread is not in the subset: write every element");
      if (ts.isOmittedExpression(x)) fail(x, "holes are not in the subset: write every element");
      return literal(ctx, ec, t.elem, x, isStatic, items);
    });
    return parts.length === 0 ? "{0}" : `{ ${parts.join(", ")} }`;
  }
  return scalar(ec, t, e, isStatic, items);
}

function scalar(ec: ExprCompiler, t: Type, e: ts.Expression, isStatic: boolean, items: Item[]): string {
  const v = ec.expr(e, t);
  if (isStatic && v.value === undefined && !v.linkConst) {
    fail(e, "module-level data must be initialised with constants (literals, constant expressions, functions, addresses of module data): compute the rest at run time in an init function");
  }
  items.push({ c: coerce(v, t, e), t, v });
  return `\u0001${items.length - 1}\u0001`;
}
