// Function bodies: statements in C, one `#line` per statement so that gcc's
// messages and gdb's source view point at the TypeScript.
import ts from "typescript";
import { fail } from "./diagnostics.js";
import type { Binding, Ctx, Module } from "./context.js";
import { ExprCompiler } from "./expr.js";
import { type Scope, type Val, stripOuter, zeroValue } from "./cexpr.js";
import { coerce } from "./coerce.js";
import type { Origin } from "./origins.js";
import { initializer, storageFor, isStorageInit, unwrapLiteral } from "./init.js";
import { Type, baseInt, cDecl, cIdent, typeName } from "./types.js";

interface Label { name: string; cont: string; brk: string; isLoop: boolean; used: { cont: boolean; brk: boolean } }

export class FunctionCompiler implements Scope {
  readonly ec: ExprCompiler;
  private readonly locals = new Map<ts.Node, Binding>();
  private readonly out: string[] = [];
  /** Stack storage, declared at the top of the function. */
  private readonly hoisted: string[] = [];
  private depth = 1;
  private labelCount = 0;
  private readonly labels: Label[] = [];
  private readonly names = new Set<string>();
  /** Declarations made directly in a switch clause: a later clause reached by
   *  falling through may use them, so they are declared at the function's top. */
  private readonly clauseScoped = new Set<ts.VariableDeclaration>();

  constructor(readonly ctx: Ctx, readonly mod: Module, readonly global: Scope["global"], readonly ret: Type, readonly fn: ts.FunctionDeclaration) {
    this.ec = new ExprCompiler(this);
  }

  local(decl: ts.Node): Binding | undefined { return this.locals.get(decl); }

  private uniqueName(name: string): string {
    let c = cIdent(name);
    // Locals of different blocks may share a name in TypeScript; C would
    // accept it too, but unique names keep the generated code unambiguous.
    if (this.names.has(c)) {
      let i = 2;
      while (this.names.has(`${c}_${i}`)) i++;
      c = `${c}_${i}`;
    }
    this.names.add(c);
    return c;
  }

  param(p: ts.ParameterDeclaration, type: Type): string {
    const name = this.uniqueName((p.name as ts.Identifier).text);
    const origin: Origin = { k: "param", fn: this.fn, index: this.fn.parameters.indexOf(p), name: (p.name as ts.Identifier).text };
    this.locals.set(p, { k: "var", cname: name, type, mutable: true, isStatic: false, origin });
    return name;
  }

  private emit(line: string): void { this.out.push(`${"    ".repeat(this.depth)}${line}`); }
  private lineOf(node: ts.Node): void {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    this.out.push(`#line ${line + 1} "${this.mod.srcName}"`);
  }

  body(block: ts.Block): string[] {
    for (const st of block.statements) this.statement(st);
    return [...this.hoisted, ...this.out];
  }

  statement(st: ts.Statement): void {
    const r = this.ctx.guard(() => this.statementInner(st));
    if (r === undefined && this.ctx.diagnostics.length === 0) throw new Error("internal: statement failed without a diagnostic");
  }

  private statementInner(st: ts.Statement): true {
    const S = ts.SyntaxKind;
    if (st.kind !== S.Block) this.lineOf(st);
    switch (st.kind) {
      case S.Block: {
        this.emit("{");
        this.depth++;
        for (const s of (st as ts.Block).statements) this.statement(s);
        this.depth--;
        this.emit("}");
        return true;
      }
      case S.EmptyStatement: this.emit(";"); return true;
      case S.VariableStatement: this.variables((st as ts.VariableStatement).declarationList); return true;
      case S.ExpressionStatement: {
        const e = (st as ts.ExpressionStatement).expression;
        const v = this.ec.expr(e);
        if (v.pure && !ts.isCallExpression(e)) fail(e, "this expression does nothing");
        this.emit(`${stripOuter(v.c)};`);
        return true;
      }
      case S.IfStatement: {
        const s = st as ts.IfStatement;
        this.emit(`if (${stripOuter(this.ec.cond(s.expression).c)})`);
        this.nested(s.thenStatement);
        if (s.elseStatement) {
          this.emit("else");
          this.nested(s.elseStatement);
        }
        return true;
      }
      case S.WhileStatement: {
        const s = st as ts.WhileStatement;
        const label = this.loopLabel(st);
        this.emit(`while (${stripOuter(this.ec.cond(s.expression).c)})`);
        this.loopBody(s.statement, label);
        this.endLabel(label);
        return true;
      }
      case S.DoStatement: {
        const s = st as ts.DoStatement;
        const label = this.loopLabel(st);
        this.emit("do");
        this.loopBody(s.statement, label);
        // The condition follows the body in C: it needs its own #line.
        this.lineOf(s.expression);
        this.emit(`while (${stripOuter(this.ec.cond(s.expression).c)});`);
        this.endLabel(label);
        return true;
      }
      case S.ForStatement: return this.forLoop(st as ts.ForStatement);
      case S.ForOfStatement: fail(st, "for..of is not in the subset: loop over an index, for (let i: u32 = 0; i < a.length; i++)");
      case S.ForInStatement: fail(st, "for..in is not in the subset: struct fields are known at compile time");
      case S.BreakStatement: case S.ContinueStatement: return this.jump(st as ts.BreakOrContinueStatement);
      case S.ReturnStatement: {
        const s = st as ts.ReturnStatement;
        if (!s.expression) {
          if (this.ret.k !== "void") fail(s, `return a ${typeName(this.ret)}`);
          this.emit("return;");
        } else {
          const v = this.ec.expr(s.expression, this.ret);
          if (this.ret.k === "void") {
            // `return f();` of a void f: C does not allow a void value after return.
            if (v.t.k !== "void") fail(s, "this function returns void");
            this.emit(`${stripOuter(v.c)};`);
            this.emit("return;");
            return true;
          }
          this.ctx.escapes.returned(this.fn, v.origins, s.expression);
          this.emit(`return ${stripOuter(coerce(v, this.ret, s.expression))};`);
        }
        return true;
      }
      case S.SwitchStatement: return this.switchStatement(st as ts.SwitchStatement);
      case S.LabeledStatement: return this.labeled(st as ts.LabeledStatement);
      case S.ThrowStatement: fail(st, "exceptions are not in the subset: return an error code, or panic");
      case S.TryStatement: fail(st, "exceptions are not in the subset: return an error code");
      case S.FunctionDeclaration: fail(st, "nested functions are closures and not in the subset: move the function to the top level");
      case S.ClassDeclaration: fail(st, "classes are not in the subset: declare an interface and functions taking it");
      case S.WithStatement: fail(st, "`with` is not in the subset");
      case S.DebuggerStatement: fail(st, "`debugger` is not in the subset");
      case S.InterfaceDeclaration: case S.TypeAliasDeclaration: case S.EnumDeclaration:
        fail(st, "declare types at the top level of the module");
      default: fail(st, `${ts.SyntaxKind[st.kind]} is not in the subset`);
    }
  }

  private nested(st: ts.Statement): void {
    if (ts.isBlock(st)) this.statement(st);
    else {
      this.emit("{");
      this.depth++;
      this.statement(st);
      this.depth--;
      this.emit("}");
    }
  }

  private variables(list: ts.VariableDeclarationList): void {
    const kind = list.flags & ts.NodeFlags.BlockScoped;
    if (kind === 0) fail(list, "`var` is not in the subset: use let or const");
    if (kind !== ts.NodeFlags.Let && kind !== ts.NodeFlags.Const) fail(list, "`using` is not in the subset");
    const isConst = kind === ts.NodeFlags.Const;
    for (const d of list.declarations) {
      try {
        this.variable(d, isConst);
      } catch (e) {
        this.locals.set(d, { k: "poison" });
        throw e;
      }
    }
  }

  private variable(d: ts.VariableDeclaration, isConst: boolean): void {
    if (!ts.isIdentifier(d.name)) fail(d.name, "destructuring is not in the subset: declare each variable separately");
    const init = d.initializer;
    if (init && isStorageInit(init)) {
      if (!d.type) fail(d, "storage needs a type annotation: `const t: Thread = zeroed();`");
      const storage = storageFor(this.ctx, d, d.type, init, isConst);
      const name = this.uniqueName(d.name.text);
      const { attrs, c, pre } = initializer(this.ctx, this.ec, storage, init, false);
      if (attrs.section) fail(init, "a section applies to module-level storage only");
      const align = attrs.align ? ` __attribute__((aligned(${attrs.align})))` : "";
      // Stack storage lives until the function returns (docs/subset.md), so it
      // is declared at the function's top; here it is (re)initialised, afresh
      // on each pass through a loop.
      this.hoisted.push(`    ${cDecl(storage, name)}${align};`);
      for (const p of pre) this.emit(p);
      if (ts.isCallExpression(unwrapLiteral(init))) this.emit(`__builtin_memset(&${name}, 0, sizeof ${name});`);
      else this.emit(`__builtin_memcpy(&${name}, &(${cDecl(storage, "")})${c}, sizeof ${name});`);
      this.locals.set(d, { k: "storage", cname: name, type: storage, readonly: false, origin: this.ctx.escapes.storage(this.fn, d.name.text, unwrapLiteral(init)) });
      return;
    }
    let t: Type;
    let v: Val | undefined;
    if (d.type) {
      t = this.ctx.typeOf(d.type);
      if (t.k === "void") fail(d.type, "a variable cannot be void");
      if (init) v = this.ec.expr(init, t);
      if (t.k === "struct" || t.k === "arr") fail(d, "an array or struct variable needs storage: initialise it with zeroed() or a literal");
    } else {
      if (!init) fail(d, `'${d.name.text}' needs a type annotation`);
      v = this.ec.expr(init);
      t = v.t;
      if (t.k === "untyped" && isConst) {
        // `const PAGE = 4096` in a function is an untyped constant, as at module level.
        this.locals.set(d, { k: "const", value: v.value!, type: t, name: d.name.text, exact: true });
        return;
      }
      if (t.k === "untyped") fail(d, `an integer literal has no width: write \`let ${d.name.text}: u32 = ...\` (or another integer type), or \`const ${d.name.text} = ...\` for a constant`);
      if (t.k === "null") fail(d, `write the type: \`let ${d.name.text}: T | null = null\``);
      if (t.k === "void") fail(init, "this expression has no value");
      if (t.k === "arr") fail(init, "arrays are not copied: refer to the array itself");
    }
    const name = this.uniqueName(d.name.text);
    const c = v ? coerce(v, t, init!) : zeroValue(t);
    if (this.clauseScoped.has(d)) {
      this.hoisted.push(`    ${cDecl(t, name)} = ${zeroValue(t)};`);
      this.emit(`${name} = ${stripOuter(c)};`);
    } else this.emit(`${cDecl(t, name)} = ${stripOuter(c)};`);
    if (isConst && v && v.value !== undefined && v.pure && (t.k === "int" || t.k === "enum" || t.k === "bool")) {
      // A local constant whose value is known is a compile-time constant, as
      // at module level (`GATE_INT32 | GATE_USER` then converts where it fits);
      // the C variable stays for the debugger.
      this.locals.set(d, { k: "const", value: v.value, type: t, name: d.name.text, exact: v.t.k === "untyped" || v.exact === true });
      return;
    }
    const origin: Origin = { k: "var", fn: this.fn, name: d.name.text };
    this.ctx.escapes.assign(origin, v?.origins);
    this.locals.set(d, { k: "var", cname: name, type: t, mutable: !isConst, isStatic: false, origin });
  }

  private forLoop(s: ts.ForStatement): true {
    const label = this.loopLabel(s);
    this.emit("{");
    this.depth++;
    let init = "";
    if (s.initializer) {
      this.lineOf(s.initializer);
      if (ts.isVariableDeclarationList(s.initializer)) this.variables(s.initializer);
      else init = this.effects(s.initializer);
    }
    const cond = s.condition ? stripOuter(this.ec.cond(s.condition).c) : "";
    const step = s.incrementor ? this.effects(s.incrementor) : "";
    // The condition and the step get #line directives of their own, so that a
    // debugger stepping through the loop shows their lines, not the body's.
    this.emit(`for (${init};`);
    if (s.condition) this.lineOf(s.condition);
    this.emit(`    ${cond};`);
    if (s.incrementor) this.lineOf(s.incrementor);
    this.emit(`    ${step})`);
    this.loopBody(s.statement, label);
    this.depth--;
    this.emit("}");
    this.endLabel(label);
    return true;
  }

  /** A for header's initialiser or step: expressions that do something,
   *  several of them separated by commas (`i++, j--`), run left to right. */
  private effects(e: ts.Expression): string {
    const parts: ts.Expression[] = [];
    const flatten = (x: ts.Expression): void => {
      if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.CommaToken) {
        flatten(x.left);
        flatten(x.right);
      } else parts.push(x);
    };
    flatten(e);
    return parts.map((p) => {
      const v = this.ec.expr(p);
      if (v.pure && !ts.isCallExpression(p)) fail(p, "this expression does nothing");
      return stripOuter(v.c);
    }).join(", ");
  }

  /** The label of a loop, when the loop is the body of a labelled statement. */
  private loopLabel(loop: ts.Statement): Label {
    const parent = loop.parent;
    // `a: b: for (...)`: every label of the chain names the loop.
    let name = "";
    for (let p: ts.Node = parent; ts.isLabeledStatement(p); p = p.parent) name = name ? `${p.label.text}|${name}` : p.label.text;
    const n = ++this.labelCount;
    const tag = name.replace(/\|/g, "_") || "loop";
    const label: Label = { name, cont: `continue_${tag}_${n}`, brk: `break_${tag}_${n}`, isLoop: true, used: { cont: false, brk: false } };
    this.labels.push(label);
    return label;
  }

  private loopBody(body: ts.Statement, label: Label): void {
    this.emit("{");
    this.depth++;
    if (ts.isBlock(body)) for (const st of body.statements) this.statement(st);
    else this.statement(body);
    if (label.used.cont) this.emit(`${label.cont}: ;`);
    this.depth--;
    this.emit("}");
  }

  private endLabel(label: Label): void {
    this.labels.splice(this.labels.indexOf(label), 1);
    if (label.used.brk) this.emit(`${label.brk}: ;`);
  }

  private labeled(s: ts.LabeledStatement): true {
    let st = s.statement;
    while (ts.isLabeledStatement(st)) st = st.statement;
    if (ts.isWhileStatement(st) || ts.isDoStatement(st) || ts.isForStatement(st)) {
      this.statementInner(st);
      return true;
    }
    const n = ++this.labelCount;
    const label: Label = { name: s.label.text, cont: "", brk: `break_${s.label.text}_${n}`, isLoop: false, used: { cont: false, brk: false } };
    // A chain of labels on a non-loop statement: each one breaks out of it.
    for (let inner = s.statement; ts.isLabeledStatement(inner); inner = inner.statement) label.name += `|${inner.label.text}`;
    this.labels.push(label);
    this.nested(st);
    this.endLabel(label);
    return true;
  }

  private jump(s: ts.BreakOrContinueStatement): true {
    const isBreak = s.kind === ts.SyntaxKind.BreakStatement;
    const word = isBreak ? "break" : "continue";
    if (!s.label) {
      this.emit(`${word};`);
      return true;
    }
    const label = [...this.labels].reverse().find((l) => l.name.split("|").includes(s.label!.text));
    if (!label) fail(s.label, `no enclosing statement is labelled '${s.label.text}'`);
    if (!isBreak && !label.isLoop) fail(s, `'${s.label.text}' labels a statement that is not a loop: continue needs a loop`);
    if (isBreak) label.used.brk = true;
    else label.used.cont = true;
    this.emit(`goto ${isBreak ? label.brk : label.cont};`);
    return true;
  }

  private switchStatement(s: ts.SwitchStatement): true {
    const v = this.ec.expr(s.expression);
    const it = baseInt(v.t);
    if (!it) fail(s.expression, `switch needs an integer or enum value, found ${typeName(v.t)}`);
    this.emit(`switch (${stripOuter(v.c)}) {`);
    const seen = new Map<bigint, ts.Node>();
    let hasDefault = false;
    for (const clause of s.caseBlock.clauses) {
      this.ctx.guard(() => {
        if (ts.isDefaultClause(clause)) {
          if (hasDefault) fail(clause, "a switch can have one default");
          hasDefault = true;
          this.emit("default: ;");
        } else {
          const cv = this.ec.expr(clause.expression, v.t);
          if (cv.value === undefined) fail(clause.expression, "a case label must be a compile-time constant");
          if (v.t.k === "enum" && cv.t !== v.t) fail(clause.expression, `case ${typeName(cv.t)} in a switch on ${v.t.name}`);
          const c = coerce(cv, v.t.k === "enum" ? v.t : it, clause.expression);
          const prev = seen.get(cv.value);
          if (prev) fail(clause.expression, `duplicate case value ${cv.value}`);
          seen.set(cv.value, clause);
          this.emit(`case ${stripOuter(c)}: ;`);
        }
        return true;
      });
      // No braces around a clause: its declarations stay visible to the
      // clauses below it, as in JavaScript.
      this.depth++;
      for (const st of clause.statements) {
        if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) this.clauseScoped.add(d);
        this.statement(st);
      }
      this.depth--;
    }
    this.emit("}");
    return true;
  }
}
