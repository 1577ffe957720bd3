// Modules: top-level declarations in C, one translation unit per module, and
// the program header that gives every module the structs and the exported
// names of the others.
import ts from "typescript";
import { fail } from "./diagnostics.js";
import type { Binding, Ctx, Module } from "./context.js";
import { ExprCompiler } from "./expr.js";
import { type Scope, stripOuter, zeroValue } from "./cexpr.js";
import { coerce } from "./coerce.js";
import { initializer, isReadonlyAnnotation, isStorageInit, storageFor } from "./init.js";
import { FunctionCompiler } from "./stmt.js";
import { StructT, Type, cDecl, cIdent, isCKeyword } from "./types.js";

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}
const isExported = (n: ts.Node) => hasModifier(n, ts.SyntaxKind.ExportKeyword);
const isAmbient = (n: ts.Node) => hasModifier(n, ts.SyntaxKind.DeclareKeyword);

/** Module-level scope: no locals; names resolve to module-level bindings. */
export function moduleScope(ctx: Ctx, mod: Module): Scope {
  const scope: Scope = { ctx, mod, local: () => undefined, global: (d, use) => globalBinding(ctx, d, use) };
  return scope;
}

/** What a module-level declaration (of any module, or the prelude) means. */
export function globalBinding(ctx: Ctx, decl: ts.Declaration, use: ts.Node): Binding {
  const known = ctx.bindings.get(decl);
  if (known) return known;
  try {
    const b = ctx.withCycleCheck(decl, () => computeBinding(ctx, decl, use));
    ctx.bindings.set(decl, b);
    return b;
  } catch (e) {
    ctx.bindings.set(decl, { k: "poison" });
    throw e;
  }
}

function computeBinding(ctx: Ctx, decl: ts.Declaration, use: ts.Node): Binding {
  if (ctx.isPrelude(decl)) {
    if (ts.isFunctionDeclaration(decl) && decl.name) return { k: "intrinsic", name: decl.name.text };
    fail(use, `'${use.getText()}' from the prelude is not a value`);
  }
  if (decl.getSourceFile().isDeclarationFile) {
    fail(use, `'${use.getText()}' belongs to the JavaScript library, which is not in the subset`);
  }
  if (ts.isFunctionDeclaration(decl)) {
    if (!decl.name) fail(decl, "functions need a name");
    if (decl.parent.kind !== ts.SyntaxKind.SourceFile) fail(use, "nested functions are not in the subset");
    const type = ctx.funcType(decl, false);
    const ambient = isAmbient(decl) || !decl.body;
    if (ambient && isCKeyword(decl.name.text)) fail(decl.name, `'${decl.name.text}' cannot be an external symbol: it is a C keyword or reserved name`);
    const cname = ambient ? decl.name.text : `${ctx.moduleOf(decl).prefix}__${decl.name.text}`;
    return { k: "func", cname, type, decl };
  }
  if (ts.isEnumDeclaration(decl)) return { k: "enum", type: ctx.enumOf(decl) };
  if (ts.isEnumMember(decl)) {
    // A member named inside its own enum: `const enum F { A = 1, B = A << 1 }`.
    const e = ctx.enumOf(decl.parent);
    const value = e.members.get(decl.name.getText());
    if (value === undefined) fail(use, `'${use.getText()}' is used before its value is defined`);
    return { k: "const", value, type: e, name: decl.name.getText(), exact: true };
  }
  if (ts.isVariableDeclaration(decl)) {
    const stmt = decl.parent.parent;
    if (!ts.isVariableStatement(stmt) || stmt.parent.kind !== ts.SyntaxKind.SourceFile) {
      fail(use, `'${use.getText()}' is used before its declaration`);
    }
    if (!ts.isIdentifier(decl.name)) fail(decl.name, "destructuring is not in the subset");
    const name = decl.name.text;
    const isConst = (decl.parent.flags & ts.NodeFlags.BlockScoped) === ts.NodeFlags.Const;
    if (isAmbient(stmt)) {
      if (!decl.type) fail(decl, "an external symbol needs a type: `declare const __kernel_end: u8;`");
      if (isCKeyword(name)) fail(decl.name, `'${name}' cannot be an external symbol: it is a C keyword or reserved name`);
      const t = ctx.typeOf(decl.type, "storage");
      if (t.k === "struct" || t.k === "arr") return { k: "storage", cname: name, type: t, readonly: false };
      return { k: "extern", cname: name, type: t };
    }
    const cname = `${ctx.moduleOf(decl).prefix}__${name}`;
    const init = decl.initializer;
    if (init && isStorageInit(init)) {
      if (!decl.type) fail(decl, "storage needs a type annotation: `const t: Thread = zeroed();`");
      const type = storageFor(ctx, decl, decl.type, init, isConst);
      return { k: "storage", cname, type, readonly: isReadonlyAnnotation(decl.type) };
    }
    const declared = decl.type ? ctx.typeOf(decl.type) : undefined;
    if (isConst && init && (!declared || declared.k === "int" || declared.k === "enum" || declared.k === "bool")) {
      const scope = moduleScope(ctx, ctx.moduleOf(decl));
      const v = new ExprCompiler(scope).expr(init, declared);
      if (v.value !== undefined && (v.t.k === "untyped" || v.t.k === "int" || v.t.k === "enum" || v.t.k === "bool")) {
        const type = declared ?? v.t;
        if (declared) coerce(v, declared, init); // reports a constant that does not fit
        return { k: "const", value: v.value, type, name, exact: v.t.k === "untyped" || v.exact === true };
      }
    }
    if (!declared) {
      if (!init) fail(decl, `'${name}' needs a type annotation`);
      const v = new ExprCompiler(moduleScope(ctx, ctx.moduleOf(decl))).expr(init);
      if (v.t.k === "untyped") fail(decl, `an integer literal has no width: write \`let ${name}: u32 = ...\``);
      if (v.t.k === "null" || v.t.k === "void" || v.t.k === "arr") fail(decl, `'${name}' needs a type annotation`);
      return { k: "var", cname, type: v.t, mutable: !isConst, isStatic: true };
    }
    if (declared.k === "void") fail(decl, "a variable cannot be void");
    return { k: "var", cname, type: declared, mutable: !isConst, isStatic: true };
  }
  if (ts.isParameter(decl)) fail(use, `'${use.getText()}' is not in scope here`);
  if (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl)) fail(use, `'${use.getText()}' is a type, not a value`);
  if (ts.isClassDeclaration(decl)) fail(use, "classes are not in the subset");
  fail(use, `'${use.getText()}' is not something the subset can refer to`);
}

export interface ModuleOutput { mod: Module; c: string; exports: string[] }

/** Compiles one module's top-level statements to the text of its .c file. */
export function compileModule(ctx: Ctx, mod: Module, header: string): ModuleOutput {
  const scope = moduleScope(ctx, mod);
  const protos: string[] = [];
  const data: string[] = [];
  const funcs: string[] = [];
  const externs: string[] = [];
  const exports: string[] = [];
  const line = (n: ts.Node) => `#line ${mod.sf.getLineAndCharacterOfPosition(n.getStart(mod.sf)).line + 1} "${mod.srcName}"`;

  for (const st of mod.sf.statements) {
    ctx.guard(() => {
      const S = ts.SyntaxKind;
      switch (st.kind) {
        case S.ImportDeclaration: return checkImport(ctx, st as ts.ImportDeclaration);
        case S.InterfaceDeclaration: {
          const s = ctx.structOf(st as ts.InterfaceDeclaration);
          ctx.laidOut(s, st);
          return true;
        }
        case S.TypeAliasDeclaration: {
          const a = st as ts.TypeAliasDeclaration;
          if (a.typeParameters) fail(a, "generic type aliases are not in the subset");
          ctx.typeOf(a.type);
          return true;
        }
        case S.EnumDeclaration: ctx.enumOf(st as ts.EnumDeclaration); return true;
        case S.FunctionDeclaration: {
          const f = st as ts.FunctionDeclaration;
          if (f.asteriskToken) fail(f, "generators are not in the subset");
          if (hasModifier(f, S.AsyncKeyword)) fail(f, "async functions are not in the subset");
          if (hasModifier(f, S.DefaultKeyword)) fail(f, "default exports are not in the subset: export the function by name");
          if (f.typeParameters) fail(f, "generic functions are not in the subset");
          if (!f.name) fail(f, "functions need a name");
          const b = globalBinding(ctx, f, f.name);
          if (b.k !== "func") throw new Error("internal: function binding");
          const proto = cDecl(b.type.ret, `${b.cname}(${paramList(b.type.params)})`);
          if (!f.body) {
            const decls = ctx.checker.getSymbolAtLocation(f.name)?.declarations ?? [];
            if (decls.length > 1) fail(f, "function overloads are not in the subset: give each variant its own name");
            if (!isAmbient(f)) fail(f, "a function without a body must be `declare`d (an external symbol)");
            externs.push(`extern ${proto};`);
            return true;
          }
          if (isAmbient(f)) fail(f, "a declared function has no body");
          if (isExported(f)) exports.push(`${proto};`);
          else protos.push(`static ${proto};`);
          funcs.push(compileFunction(ctx, mod, f, b.cname, b.type.params, b.type.ret, isExported(f), line(f)));
          return true;
        }
        case S.VariableStatement: {
          const vs = st as ts.VariableStatement;
          for (const d of vs.declarationList.declarations) {
            ctx.guard(() => moduleVariable(ctx, scope, vs, d, data, externs, exports, line(d)));
          }
          return true;
        }
        case S.ExportDeclaration: {
          const ex = st as ts.ExportDeclaration;
          if (!ex.moduleSpecifier && ex.exportClause && ts.isNamedExports(ex.exportClause) && ex.exportClause.elements.length === 0) return true; // export {}
          fail(st, "re-exports are not in the subset: put `export` on the declaration");
        }
        case S.ExportAssignment: fail(st, "default exports are not in the subset: export declarations by name");
        case S.ClassDeclaration: fail(st, "classes are not in the subset: declare an interface for the data and functions taking it");
        case S.ModuleDeclaration: fail(st, "namespaces are not in the subset: use a module (a file)");
        case S.ImportEqualsDeclaration: fail(st, "`import x = require()` is not in the subset: use `import { x } from \"./mod\"`");
        case S.EmptyStatement: return true;
        default: fail(st, "module-level code never runs: only declarations belong at the top level; move statements into a function");
      }
    });
  }

  const parts = [
    `/* Generated by tsuki compile from ${mod.srcName}. Do not edit. */`,
    `#include "${header}"`,
    "",
  ];
  if (externs.length) parts.push("/* external symbols (assembly, linker script) */", ...externs, "");
  if (protos.length) parts.push(...protos, "");
  if (data.length) parts.push(...data, "");
  parts.push(...funcs);
  return { mod, c: parts.join("\n"), exports };
}

/** A prototype's parameter list: types only, so TypeScript names never clash with C. */
function paramList(params: Type[]): string {
  return params.length === 0 ? "void" : params.map((p) => cDecl(p, "")).join(", ");
}

function compileFunction(ctx: Ctx, mod: Module, f: ts.FunctionDeclaration, cname: string, params: Type[], ret: Type, exported: boolean, lineDirective: string): string {
  const fc = new FunctionCompiler(ctx, mod, (d, use) => globalBinding(ctx, d, use), ret, f);
  const names = f.parameters.map((p, i) => cDecl(params[i], fc.param(p, params[i])));
  const head = cDecl(ret, `${cname}(${names.length ? names.join(", ") : "void"})`);
  const body = fc.body(f.body!);
  return [lineDirective, `${exported ? "" : "static "}${head}`, "{", ...body, "}", ""].join("\n");
}

function moduleVariable(ctx: Ctx, scope: Scope, vs: ts.VariableStatement, d: ts.VariableDeclaration, data: string[], externs: string[], exports: string[], lineDirective: string): true {
  const kind = vs.declarationList.flags & ts.NodeFlags.BlockScoped;
  if (kind === 0) fail(vs, "`var` is not in the subset: use let or const");
  if (kind !== ts.NodeFlags.Let && kind !== ts.NodeFlags.Const) fail(vs, "`using` is not in the subset");
  if (!ts.isIdentifier(d.name)) fail(d.name, "destructuring is not in the subset");
  const b = globalBinding(ctx, d, d.name);
  const exported = isExported(vs);
  if (isAmbient(vs)) {
    if (b.k === "extern" || b.k === "storage") externs.push(`extern ${cDecl(b.type, b.cname)};`);
    return true;
  }
  switch (b.k) {
    case "const": return true; // folded into every use
    case "storage": {
      const { attrs, c } = initializer(ctx, new ExprCompiler(scope), b.type, d.initializer!, true);
      const attr: string[] = [];
      if (attrs.align) attr.push(`aligned(${attrs.align})`);
      if (attrs.section) attr.push(`section("${attrs.section}")`);
      const spelled = readonlyDecl(b.type, b.cname, b.readonly);
      const decl = `${exported ? "" : "static "}${spelled}${attr.length ? ` __attribute__((${attr.join(", ")}))` : ""}`;
      data.push(lineDirective, `${decl}${c ? ` = ${c}` : ""};`);
      if (exported) exports.push(`extern ${spelled};`);
      return true;
    }
    case "var": {
      let c = zeroValue(b.type);
      if (d.initializer) {
        const v = new ExprCompiler(scope).expr(d.initializer, b.type);
        if (v.value === undefined && !v.linkConst) {
          fail(d.initializer, "module-level variables must be initialised with constants: assign the value at run time in an init function");
        }
        c = stripOuter(coerce(v, b.type, d.initializer));
      }
      data.push(lineDirective, `${exported ? "" : "static "}${cDecl(b.type, b.cname)} = ${c};`);
      if (exported) exports.push(`extern ${cDecl(b.type, b.cname)};`);
      return true;
    }
    default:
      fail(d, "internal: unexpected module-level binding");
  }
}

/** A declaration of storage, read-only (in .rodata) when asked: the const
 *  goes on the elements themselves, which for pointers means `T *const`. */
function readonlyDecl(t: Type, name: string, readonly: boolean): string {
  if (!readonly) return cDecl(t, name);
  const elem = t.k === "arr" ? t.elem : t;
  const pointerLike = elem.k === "cstr" || elem.k === "ref" || elem.k === "ptr" || elem.k === "func";
  return pointerLike ? cDecl(t, `const ${name}`) : `const ${cDecl(t, name)}`;
}

function checkImport(ctx: Ctx, imp: ts.ImportDeclaration): true {
  const clause = imp.importClause;
  if (!clause) fail(imp, "side-effect imports are not in the subset: modules have no initialisation code");
  if (clause.name) fail(clause.name, "default imports are not in the subset: import names, `import { f } from \"./mod\"`");
  if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) {
    fail(clause.namedBindings, "namespace imports are not in the subset: import names, `import { f } from \"./mod\"`");
  }
  const spec = (imp.moduleSpecifier as ts.StringLiteral).text;
  const target = ts.resolveModuleName(spec, imp.getSourceFile().fileName, ctx.program.getCompilerOptions(), ts.sys).resolvedModule?.resolvedFileName;
  if (target && /\.d\.ts$/.test(target)) fail(imp.moduleSpecifier, `'${spec}' is a declaration file: only systems TypeScript modules can be imported`);
  return true;
}

// ---- the program header ------------------------------------------------------

/** Struct definitions in dependency order (by-value members first), with layout checks. */
export function programHeader(ctx: Ctx, exports: string[], guard: string): string {
  const structs = [...ctx.structs.values()].filter((s) => !s.cname.startsWith("tsk_"));
  const done = new Set<StructT>();
  const defs: string[] = [];
  const visit = (s: StructT) => {
    if (done.has(s)) return;
    done.add(s);
    for (const f of s.fields) for (const dep of byValue(f.type)) visit(dep);
    if (s.cname.startsWith("tsk_")) return;
    defs.push(structDefinition(s));
  };
  for (const s of structs) visit(s);
  return [
    "/* Generated by tsuki compile: the structs and exported names of every module. */",
    `#ifndef ${guard}`,
    `#define ${guard}`,
    '#include "tsuki.h"',
    "",
    ...structs.map((s) => `struct ${s.cname};`),
    "",
    ...defs,
    ...exports,
    "",
    "#endif",
    "",
  ].join("\n");
}

function byValue(t: Type): StructT[] {
  if (t.k === "struct") return [t];
  if (t.k === "arr") return byValue(t.elem);
  return [];
}

function structDefinition(s: StructT): string {
  const lines = [`struct ${s.cname} {`];
  for (const f of s.fields) lines.push(`    ${cDecl(f.type, cIdent(f.name))};`);
  lines.push(`}${s.packed ? " __attribute__((packed))" : ""};`);
  // The compiler computes layouts itself (sizeOf, offsetOf); gcc must agree.
  lines.push(`_Static_assert(sizeof(struct ${s.cname}) == ${s.size}, "layout of ${s.name}: size ${s.size}");`);
  for (const f of s.fields) {
    lines.push(`_Static_assert(offsetof(struct ${s.cname}, ${cIdent(f.name)}) == ${f.offset}, "layout of ${s.name}: ${f.name} at ${f.offset}");`);
  }
  lines.push("");
  return lines.join("\n");
}
