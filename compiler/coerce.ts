// Implicit conversions: where a value of one type may be used as another
// without a conversion function (docs/subset.md, "Conversions").
import ts from "typescript";
import { fail } from "./diagnostics.js";
import { paren, type Val } from "./cexpr.js";
import { constAs, rangeOf } from "./constants.js";
import { Type, IntT, baseInt, cLiteral, cScalar, fits, hullOf, sameType, typeName, widens } from "./types.js";
import { strip } from "./cexpr.js";

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
      // `c ? K1 : K2` of constants takes the type its use needs when both fit.
      if (v.alts && fits(v.alts.a.value!, to) && fits(v.alts.b.value!, to)) {
        return `(${v.alts.cond} ? ${cLiteral(v.alts.a.value!, to)} : ${cLiteral(v.alts.b.value!, to)})`;
      }
      if (widens(from, to)) return `((${cScalar(to)})${paren(v.c)})`;
      // A constant expression converts to any type that holds its value
      // (`GATE_INT32 | GATE_USER` as a u8, `Pte.Present | Pte.Writable` as a u32).
      if (v.value !== undefined && v.pure && v.exact === true && fits(v.value, to)) return cLiteral(v.value, to);
      // An enum converts to any type that holds its hull, the type of its members (docs/subset.md).
      if (v.t.k === "enum" && widens(hullOf(v.t), to)) return `((${cScalar(to)})${paren(v.c)})`;
      if (v.value !== undefined && v.exact === true) return bad(`: the constant ${v.value} does not fit ${to.name} (range ${rangeOf(to)})`);
      return bad(`: the conversion can lose information, write ${to.name}(...) to wrap explicitly${shiftHint(node, from)}`);
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
      if (v.t.k === "arr" && sameType(v.t, to)) {
        // A read-only table (or an array in read-only storage) lives in .rodata.
        if (v.t.readonly && !to.readonly) bad(": it is read-only (a readonly table or part of Readonly<S> storage); declare the parameter Readonly<Arr<T, N>>, or copy the array");
        return v.c;
      }
      return bad();
    case "void":
      if (v.t.k === "void") return v.c;
      return bad();
    default:
      return bad();
  }
}

/** `let m: u32 = 1 << n` is an i32 in JavaScript too: say why, with the fix. */
function shiftHint(node: ts.Node, from: IntT): string {
  const e = ts.isExpression(node) ? strip(node) : node;
  if (from.name !== "i32" || !ts.isBinaryExpression(e)) return "";
  const op = e.operatorToken.kind;
  if (op !== ts.SyntaxKind.LessThanLessThanToken && op !== ts.SyntaxKind.GreaterThanGreaterThanToken) return "";
  return ` (JavaScript's ${e.operatorToken.getText()} gives a signed 32-bit result: 1 << 31 is -2147483648)`;
}
