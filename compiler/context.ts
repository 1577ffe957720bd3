// The state shared by one compilation: the TypeScript program, the modules
// being compiled, what every declaration means in C, and the errors so far.
import ts from "typescript";
import { EscapeCheck } from "./escape.js";
import type { Origin } from "./origins.js";
import path from "node:path";
import { Diagnostic, Fail, at, fail } from "./diagnostics.js";
import {
  BOOL, CSTR, EnumT, FuncT, IntName, LayoutCycle, RefT, StructT, Type, VOID, fits, int, sizeAlign, typeName,
} from "./types.js";

export type Target = "kernel" | "user" | "host";

const UNSIZED = "an unsized array type is only allowed for a table initialised by an array literal; elsewhere use Arr<T, N>";

export interface Module {
  sf: ts.SourceFile;
  /** Module-qualified C prefix: kernel/i686/cpu.ts -> kernel_i686_cpu */
  prefix: string;
  /** Path of the generated C file relative to the C output directory. */
  cPath: string;
  /** The source path `#line` directives name (relative to the root). */
  srcName: string;
}

/** What a name refers to, as the expression emitter needs it. */
export type Binding =
  | { k: "var"; cname: string; type: Type; mutable: boolean; isStatic: boolean; origin?: Origin } // scalar, reference, function ref, pointer
  | { k: "storage"; cname: string; type: StructT | import("./types.js").ArrT; readonly: boolean; origin?: Origin } // a struct or array object (origin: on the stack)
  | { k: "const"; value: bigint; type: Type; name: string; exact: boolean }    // typed or untyped compile-time constant (exact: Val.exact)
  | { k: "func"; cname: string; type: FuncT; decl: ts.FunctionDeclaration }
  | { k: "extern"; cname: string; type: Type }                                // `declare const x: T` (linker symbol)
  | { k: "enum"; type: EnumT }
  | { k: "intrinsic"; name: string }
  /** A declaration that failed to compile: its uses stay silent (its error explains them). */
  | { k: "poison" };

export class Ctx {
  readonly checker: ts.TypeChecker;
  readonly diagnostics: Diagnostic[] = [];
  /** References to stack storage that leave their function (escape.ts). */
  readonly escapes = new EscapeCheck();
  readonly modules = new Map<ts.SourceFile, Module>();
  private readonly prefixes = new Set<string>();
  readonly prelude: ts.SourceFile;
  readonly bindings = new Map<ts.Node, Binding>();
  readonly structs = new Map<ts.Node, StructT>();
  readonly enums = new Map<ts.Node, EnumT>();
  /** Declarations whose meaning is being computed (to catch cycles). */
  private readonly resolving = new Set<ts.Node>();
  /** The prelude's own structs (DescriptorTablePointer, CpuidResult, MachineCall), defined in runtime/tsuki.h. */
  readonly preludeStructs = new Map<string, StructT>();
  /** Constant evaluator, installed by expr.ts (avoids an import cycle). */
  evalConst: (e: ts.Expression, want: Type | null) => { value: bigint; type: Type } = () => { throw new Error("internal: no constant evaluator"); };

  constructor(readonly program: ts.Program, readonly target: Target, readonly root: string, preludePath: string) {
    this.checker = program.getTypeChecker();
    const prelude = program.getSourceFile(preludePath);
    if (!prelude) throw new Error(`internal: prelude ${preludePath} is not in the program`);
    this.prelude = prelude;
  }

  error(node: ts.Node, message: string): void { this.diagnostics.push(at(node, message)); }

  /** Runs f, turning a Fail into a diagnostic; returns undefined on failure. */
  guard<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e instanceof Fail) {
        if (e.message !== "") this.error(e.node, e.message);
        return undefined;
      }
      throw e;
    }
  }

  addModule(sf: ts.SourceFile): Module {
    let rel = path.relative(this.root, sf.fileName).replace(/\\/g, "/");
    if (rel.startsWith("../")) rel = path.basename(sf.fileName);
    const noExt = rel.replace(/\.ts$/, "");
    const base = noExt.replace(/[^A-Za-z0-9]/g, "_").replace(/^([0-9_])/, "m$1");
    // a/b.ts and a_b.ts would share a prefix: later modules get a number.
    let prefix = base;
    for (let n = 2; this.prefixes.has(prefix); n++) prefix = `${base}_${n}`;
    this.prefixes.add(prefix);
    const m: Module = { sf, prefix, cPath: `${prefix}.c`, srcName: rel };
    this.modules.set(sf, m);
    return m;
  }

  moduleOf(node: ts.Node): Module {
    const m = this.modules.get(node.getSourceFile());
    if (!m) fail(node, "internal: declaration outside the compiled modules");
    return m;
  }

  isPrelude(node: ts.Node): boolean { return node.getSourceFile() === this.prelude; }

  /** The declaration a name refers to, following imports. */
  declOf(name: ts.Node): ts.Declaration | undefined {
    let sym = this.checker.getSymbolAtLocation(name);
    if (!sym) return undefined;
    if (sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return sym.valueDeclaration ?? sym.declarations?.[0];
  }

  // ---- types from annotations ----------------------------------------------

  /**
   * The systems type a type annotation denotes. In "value" position a bare
   * interface is a (non-null) reference; in "storage" position (array
   * elements, Inline<>, Ptr<>, zeroed<>, sizeOf<>) it is the struct itself.
   */
  typeOf(node: ts.TypeNode, pos: "value" | "storage" = "value"): Type {
    switch (node.kind) {
      case ts.SyntaxKind.BooleanKeyword: return BOOL;
      case ts.SyntaxKind.VoidKeyword: return VOID;
      case ts.SyntaxKind.NumberKeyword:
        fail(node, "`number` has no width: use an integer type such as u32, i32 or u8");
      case ts.SyntaxKind.BigIntKeyword:
        fail(node, "`bigint` has no width: use u64 or i64");
      case ts.SyntaxKind.StringKeyword:
        fail(node, "strings are not in the subset: use CStr for a string literal passed to C");
      case ts.SyntaxKind.AnyKeyword:
        fail(node, "`any` is not in the subset: give the value its real type");
      case ts.SyntaxKind.UnknownKeyword:
        fail(node, "`unknown` is not in the subset: give the value its real type");
      case ts.SyntaxKind.UndefinedKeyword:
        fail(node, "`undefined` is not in the subset: use `null` with a nullable reference");
      case ts.SyntaxKind.ParenthesizedType:
        return this.typeOf((node as ts.ParenthesizedTypeNode).type, pos);
      case ts.SyntaxKind.UnionType: return this.unionType(node as ts.UnionTypeNode);
      case ts.SyntaxKind.FunctionType: return this.funcType(node as ts.FunctionTypeNode, false);
      case ts.SyntaxKind.TypeReference: return this.typeRef(node as ts.TypeReferenceNode, pos);
      case ts.SyntaxKind.TypePredicate:
        fail(node, "type predicates are not in the subset: return a bool");
      case ts.SyntaxKind.TypeOperator:
        if ((node as ts.TypeOperatorNode).operator !== ts.SyntaxKind.ReadonlyKeyword) {
          fail(node, `\`${ts.tokenToString((node as ts.TypeOperatorNode).operator)}\` types are not in the subset: name the type itself`);
        }
        fail(node, UNSIZED);
      case ts.SyntaxKind.ArrayType: {
        const elem = (node as ts.ArrayTypeNode).elementType.getText();
        fail(node, `${UNSIZED}: for storage write \`Arr<${elem}, N>\` initialised with zeroed(), e.g. \`const buf: Arr<${elem}, 16> = zeroed();\``);
      }
      case ts.SyntaxKind.TupleType:
        fail(node, "tuples are not in the subset: return a struct reference (fill storage the caller passes), or write the results through out-parameters (Ptr<T> or a struct reference)");
      default:
        fail(node, `this type (${ts.SyntaxKind[node.kind]}) is not in the subset`);
    }
  }

  private unionType(node: ts.UnionTypeNode): Type {
    const parts = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword));
    if (parts.length !== 1 || parts.length === node.types.length) {
      fail(node, "the only union type in the subset is `T | null` for a reference or function reference");
    }
    const inner = this.typeOf(parts[0], "value");
    if (inner.k === "ref" || inner.k === "func") return { ...inner, nullable: true };
    fail(node, `\`${typeName(inner)} | null\` is not allowed: only references and function references can be null`);
  }

  funcType(node: ts.SignatureDeclarationBase, nullable: boolean): FuncT {
    const params = node.parameters.map((p) => this.paramType(p));
    if (!node.type) fail(node, "declare the result type: `(...) => void` or `(...): u32`");
    const ret = this.typeOf(node.type);
    if (ret.k === "arr" || ret.k === "struct") fail(node.type, "functions cannot return arrays or structs by value: return a reference, or fill storage passed as a parameter");
    return { k: "func", params, ret, nullable };
  }

  paramType(p: ts.ParameterDeclaration): Type {
    if (p.dotDotDotToken) fail(p, "rest parameters are not in the subset: pass a Ptr<T> and a count");
    if (p.questionToken || p.initializer) fail(p, "optional and default parameters are not in the subset: pass every argument");
    if (!ts.isIdentifier(p.name)) fail(p, "destructuring parameters are not in the subset: take a reference and read its fields");
    if (!p.type) fail(p, `parameter '${p.name.text}' needs a type annotation`);
    const t = this.typeOf(p.type);
    if (t.k === "void") fail(p.type, "a parameter cannot be void");
    if (t.k === "struct") fail(p.type, "Inline<S> is only for struct fields: a parameter takes a reference, `p: S`");
    return t;
  }

  /** The type declaration a type name refers to (a value may share its name). */
  typeDeclOf(name: ts.Node): ts.Declaration | undefined {
    let sym = this.checker.getSymbolAtLocation(name);
    if (!sym) return undefined;
    if (sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    const decls = sym.declarations ?? [];
    return decls.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isEnumDeclaration(d) || ts.isClassDeclaration(d)) ?? decls[0];
  }

  private typeRef(node: ts.TypeReferenceNode, pos: "value" | "storage"): Type {
    const decl = this.typeDeclOf(node.typeName);
    const name = node.typeName.getText();
    const args = node.typeArguments ?? ts.factory.createNodeArray<ts.TypeNode>();
    if (!decl) {
      if (name === "Readonly" && args.length === 1) return this.readonlyOf(this.typeOf(args[0], pos), node);
      fail(node, `unknown type '${name}'`);
    }
    if (decl.getSourceFile().isDeclarationFile && !this.isPrelude(decl)) {
      if (name === "Readonly" && args.length === 1) return this.readonlyOf(this.typeOf(args[0], pos), node);
      fail(node, `the library type '${name}' is not in the subset`);
    }
    if (this.isPrelude(decl)) return this.preludeType(node, name, args, pos);
    if (args.length > 0) fail(node, "generic types are not in the subset (only the prelude's Arr, Inline, Ptr)");
    if (ts.isInterfaceDeclaration(decl)) {
      const s = this.structOf(decl);
      return pos === "storage" ? s : { k: "ref", s, nullable: false, readonly: false };
    }
    if (ts.isTypeAliasDeclaration(decl)) {
      if (decl.typeParameters) fail(decl, "generic type aliases are not in the subset");
      return this.withCycleCheck(decl, () => this.typeOf(decl.type, pos));
    }
    if (ts.isEnumDeclaration(decl)) return this.enumOf(decl);
    if (ts.isClassDeclaration(decl)) fail(node, "classes are not in the subset: declare the data as an interface and the methods as functions");
    fail(node, `'${name}' is not a type the subset knows`);
  }

  private readonlyOf(t: Type, node: ts.Node): Type {
    if (t.k === "ref") return { ...t, readonly: true } as RefT;
    if (t.k === "arr") return { ...t, readonly: true };
    if (t.k === "struct") return t;
    fail(node, "Readonly<T> applies to struct and array types");
  }

  private preludeType(node: ts.TypeReferenceNode, name: string, args: ts.NodeArray<ts.TypeNode>, pos: "value" | "storage"): Type {
    switch (name) {
      case "u8": case "u16": case "u32": case "u64": case "i8": case "i16": case "i32": case "i64":
        return int(name as IntName);
      case "usize": return int("u32");
      case "bool": return BOOL;
      case "CStr": return CSTR;
      case "Arr": {
        const n = args[1];
        if (!n || !ts.isLiteralTypeNode(n) || !ts.isNumericLiteral(n.literal)) fail(node, "Arr<T, N> needs a literal length N, e.g. Arr<u32, 1024>");
        const count = Number(n.literal.text);
        if (!Number.isInteger(count) || count < 0) fail(n, "an array length must be a non-negative integer");
        const elem = this.typeOf(args[0], "storage");
        if (elem.k === "void") fail(args[0], "an array of void is not allowed");
        return { k: "arr", elem, n: count, readonly: false };
      }
      case "Inline": {
        const t = this.typeOf(args[0], "storage");
        if (t.k !== "struct") fail(node, "Inline<S> takes a struct (interface) type");
        return t;
      }
      case "Ptr": {
        const elem = this.typeOf(args[0], "storage");
        if (elem.k === "void") fail(args[0], "Ptr<void> is not allowed: use usize for a raw address");
        return { k: "ptr", elem };
      }
      case "DescriptorTablePointer": case "CpuidResult": case "MachineCall": {
        const s = this.preludeStruct(name);
        return pos === "storage" ? s : { k: "ref", s, nullable: false, readonly: false };
      }
      default:
        fail(node, `the prelude name '${name}' is not a type you can use here`);
    }
  }

  preludeStruct(name: string): StructT {
    let s = this.preludeStructs.get(name);
    if (!s) {
      const decl = this.prelude.statements
        .flatMap((st) => (ts.isModuleDeclaration(st) && st.body && ts.isModuleBlock(st.body) ? [...st.body.statements] : []))
        .find((st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === name);
      if (!decl) throw new Error(`internal: prelude struct ${name}`);
      s = this.buildStruct(decl, `tsk_${name}`);
      this.preludeStructs.set(name, s);
    }
    return s;
  }

  structOf(decl: ts.InterfaceDeclaration): StructT {
    const known = this.structs.get(decl);
    if (known) return known;
    if (decl.typeParameters) fail(decl, "generic interfaces are not in the subset");
    return this.buildStruct(decl, `${this.moduleOf(decl).prefix}__${decl.name.text}`);
  }

  private buildStruct(decl: ts.InterfaceDeclaration, cname: string): StructT {
    const decls = (this.checker.getSymbolAtLocation(decl.name)?.declarations ?? []).filter(ts.isInterfaceDeclaration);
    if (decls.length > 1 && !this.isPrelude(decl)) {
      fail(decls[1], `interface ${decl.name.text} is declared more than once: TypeScript would merge the declarations; declare each struct once`);
    }
    const s: StructT = { k: "struct", name: decl.name.text, cname, fields: [], packed: false, size: 0, align: 1, decl, laidOut: false };
    this.structs.set(decl, s);
    for (const h of decl.heritageClauses ?? []) {
      for (const t of h.types) {
        if (t.expression.getText() === "Packed" && this.isPrelude(this.declOf(t.expression) ?? decl)) s.packed = true;
        else fail(t, "an interface may only extend Packed (struct inheritance is not in the subset: embed with Inline<S>)");
      }
    }
    for (const m of decl.members) {
      if (ts.isGetAccessorDeclaration(m) || ts.isSetAccessorDeclaration(m)) fail(m, "getters and setters are not in the subset: declare a field, or a function taking the struct");
      if (ts.isIndexSignatureDeclaration(m)) fail(m, "index signatures are not in the subset: use an Arr<T, N> field");
      if (!ts.isPropertySignature(m)) fail(m, "a struct interface has only fields (`name: type;`): write methods as functions taking the struct");
      if (m.questionToken) fail(m, "optional fields are not in the subset: use a nullable reference or a flag");
      if (!ts.isIdentifier(m.name)) fail(m.name, "field names must be identifiers");
      if (!m.type) fail(m, "a field needs a type");
      const type = this.typeOf(m.type, "value");
      if (type.k === "void") fail(m.type, "a field cannot be void");
      s.fields.push({ name: m.name.text, type, offset: 0 });
    }
    return s;
  }

  /** Layout of a struct, reporting a by-value cycle at the struct's declaration. */
  laidOut(s: StructT, node: ts.Node): StructT {
    this.sizeOf(s, node);
    return s;
  }

  /** Size in bytes of a storage type (laying out the structs it contains). */
  sizeOf(t: Type, node: ts.Node): number {
    try {
      const { size } = sizeAlign(t);
      if (size > 0xffffffff) fail(node, `${typeName(t)} is too large: ${size} bytes exceeds the 32-bit address space`);
      return size;
    } catch (e) {
      if (e instanceof LayoutCycle) fail(e.s.decl ?? node, e.message);
      throw e;
    }
  }

  enumOf(decl: ts.EnumDeclaration): EnumT {
    const known = this.enums.get(decl);
    if (known) return known;
    const isConst = decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.ConstKeyword);
    if (!isConst) fail(decl, "write `const enum`: a plain enum creates a run-time object");
    const e: EnumT = { k: "enum", name: decl.name.text, base: int("i32"), members: new Map() };
    this.enums.set(decl, e);
    let next = 0n;
    for (const m of decl.members) {
      if (!ts.isIdentifier(m.name)) fail(m.name, "enum member names must be identifiers");
      let v = next;
      if (m.initializer) v = this.evalConst(m.initializer, null).value;
      e.members.set(m.name.text, v);
      next = v + 1n;
    }
    const values = [...e.members.values()];
    if (!values.every((v) => fits(v, int("i32")))) {
      if (values.every((v) => fits(v, int("u32")))) e.base = int("u32");
      else fail(decl, "enum values must fit in i32 or, when none is negative, in u32");
    }
    return e;
  }

  withCycleCheck<T>(decl: ts.Node, f: () => T): T {
    if (this.resolving.has(decl)) fail(decl, "this declaration refers to itself");
    this.resolving.add(decl);
    try {
      return f();
    } finally {
      this.resolving.delete(decl);
    }
  }

}
