// The compiler's own type model. TypeScript's checker erases `u32` to
// `number`, so every systems type is built here from declarations' type
// annotations (see typeresolve.ts), and every expression is typed by expr.ts.
//
// A *storage* type is what lives in memory (a struct embedded by value, an
// array); a *value* type is what an expression yields. They coincide except
// that a struct in storage is seen as a reference to it.
import type ts from "typescript";

export type IntName = "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64";

export interface IntT { k: "int"; name: IntName; bits: 8 | 16 | 32 | 64; signed: boolean }
export interface BoolT { k: "bool" }
export interface VoidT { k: "void" }
export interface CStrT { k: "cstr" }
export interface NullT { k: "null" }
/** An untyped integer constant: its value is exact until a use gives it a type. */
export interface UntypedT { k: "untyped"; big: boolean }
export interface RefT { k: "ref"; s: StructT; nullable: boolean; readonly: boolean }
export interface StructT {
  k: "struct";
  name: string;
  cname: string;
  fields: Field[];
  packed: boolean;
  size: number;
  align: number;
  decl: ts.Node | null;
  /** Layout is computed lazily so that structs may refer to each other. */
  laidOut: boolean;
}
export interface Field { name: string; type: Type; offset: number }
export interface ArrT { k: "arr"; elem: Type; n: number; readonly: boolean }
export interface PtrT { k: "ptr"; elem: Type }
export interface FuncT { k: "func"; params: Type[]; ret: Type; nullable: boolean }
export interface EnumT { k: "enum"; name: string; base: IntT; members: Map<string, bigint> }

export type Type = IntT | BoolT | VoidT | CStrT | NullT | UntypedT | RefT | StructT | ArrT | PtrT | FuncT | EnumT;

const INT_BITS: Record<IntName, 8 | 16 | 32 | 64> = { u8: 8, u16: 16, u32: 32, u64: 64, i8: 8, i16: 16, i32: 32, i64: 64 };
const INTS = new Map<IntName, IntT>();
export function int(name: IntName): IntT {
  let t = INTS.get(name);
  if (!t) {
    t = { k: "int", name, bits: INT_BITS[name], signed: name.startsWith("i") };
    INTS.set(name, t);
  }
  return t;
}
export const BOOL: BoolT = { k: "bool" };
export const VOID: VoidT = { k: "void" };
export const CSTR: CStrT = { k: "cstr" };
export const NULL: NullT = { k: "null" };
export const UNTYPED: UntypedT = { k: "untyped", big: false };
export const UNTYPED_BIG: UntypedT = { k: "untyped", big: true };
export const U32 = int("u32");
export const I32 = int("i32");


export function minOf(t: IntT): bigint { return t.signed ? -(1n << BigInt(t.bits - 1)) : 0n; }
export function maxOf(t: IntT): bigint { return t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n; }
export function fits(v: bigint, t: IntT): boolean { return v >= minOf(t) && v <= maxOf(t); }
/** Wraps v modulo 2^bits into t's range, as a C conversion does. */
export function wrap(v: bigint, t: IntT): bigint {
  return t.signed ? BigInt.asIntN(t.bits, v) : BigInt.asUintN(t.bits, v);
}

/** The integer type an enum or integer value computes in. */
export function baseInt(t: Type): IntT | null {
  if (t.k === "int") return t;
  if (t.k === "enum") return t.base;
  return null;
}

/** C's integer promotion: everything narrower than int becomes i32. */
export function promote(t: IntT): IntT { return t.bits < 32 ? I32 : t; }

/** C's usual arithmetic conversions on two promoted types. */
export function usual(a: IntT, b: IntT): IntT {
  a = promote(a);
  b = promote(b);
  if (a === b) return a;
  if (a.signed === b.signed) return a.bits >= b.bits ? a : b;
  const [u, s] = a.signed ? [b, a] : [a, b];
  if (u.bits >= s.bits) return u;
  return s; // the signed type is wider, so it holds every value of the unsigned one
}

/** Can every value of `from` be represented in `to`? (implicit conversions) */
/**
 * The narrowest type that holds every member of an enum (unsigned when none
 * is negative). Every value of the enum stays inside it: members, `x as E`
 * of a value of that type, and `& | ^` of two values of the enum (bitwise
 * combinations of values of a type stay in the type).
 */
export function hullOf(e: EnumT): IntT {
  const values = [...e.members.values()];
  const names: IntName[] = values.every((v) => v >= 0n) ? ["u8", "u16", "u32"] : ["i8", "i16", "i32"];
  return int(names.find((n) => values.every((v) => fits(v, int(n)))) ?? e.base.name);
}

export function widens(from: IntT, to: IntT): boolean {
  if (from === to) return true;
  if (from.signed && !to.signed) return false;
  if (from.signed === to.signed) return to.bits >= from.bits;
  return to.bits > from.bits; // unsigned into a strictly wider signed type
}

export function typeName(t: Type): string {
  switch (t.k) {
    case "int": return t.name;
    case "bool": return "bool";
    case "void": return "void";
    case "cstr": return "CStr";
    case "null": return "null";
    case "untyped": return "integer constant";
    case "ref": return t.nullable ? `${t.s.name} | null` : t.s.name;
    case "struct": return t.name;
    case "arr": return `Arr<${typeName(t.elem)}, ${t.n}>`;
    case "ptr": return `Ptr<${typeName(t.elem)}>`;
    case "func": return `(${t.params.map(typeName).join(", ")}) => ${typeName(t.ret)}${t.nullable ? " | null" : ""}`;
    case "enum": return t.name;
  }
}

/** The value an lvalue of storage type `t` yields: structs are seen through references. */
export function valueOf(t: Type): Type {
  return t.k === "struct" ? { k: "ref", s: t, nullable: false, readonly: false } : t;
}

export function sameType(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "ref": return a.s === (b as RefT).s;
    case "struct": return a === b;
    case "arr": return a.n === (b as ArrT).n && sameType(a.elem, (b as ArrT).elem);
    case "ptr": return sameType(a.elem, (b as PtrT).elem);
    case "func": {
      const f = b as FuncT;
      return a.params.length === f.params.length && sameType(a.ret, f.ret) && a.params.every((p, i) => sameType(p, f.params[i]));
    }
    case "enum": return a === b;
    case "untyped": return a.big === (b as UntypedT).big;
    default: return true;
  }
}

// ---- layout (i386 System V: u64 fields are 4-aligned inside structs) -------

export function sizeAlign(t: Type): { size: number; align: number } {
  switch (t.k) {
    case "int": return { size: t.bits / 8, align: Math.min(t.bits / 8, 4) };
    case "enum": return sizeAlign(t.base);
    case "bool": return { size: 1, align: 1 };
    case "cstr": case "ref": case "ptr": case "func": return { size: 4, align: 4 };
    case "struct": layout(t); return { size: t.size, align: t.align };
    case "arr": { const e = sizeAlign(t.elem); return { size: e.size * t.n, align: e.align }; }
    default: throw new Error(`internal: no layout for ${typeName(t)}`);
  }
}

const laying = new Set<StructT>();
export function layout(s: StructT): void {
  if (s.laidOut) return;
  if (laying.has(s)) throw new LayoutCycle(s);
  laying.add(s);
  try {
    let off = 0;
    let align = 1;
    for (const f of s.fields) {
      const fa = sizeAlign(f.type);
      const a = s.packed ? 1 : fa.align;
      off = Math.ceil(off / a) * a;
      f.offset = off;
      off += fa.size;
      align = Math.max(align, a);
    }
    s.align = align;
    s.size = Math.ceil(off / align) * align;
    s.laidOut = true;
  } finally {
    laying.delete(s);
  }
}

export class LayoutCycle extends Error {
  constructor(readonly s: StructT) { super(`struct ${s.name} contains itself by value`); }
}

// ---- C spelling -------------------------------------------------------------

export function cScalar(t: IntT): string { return `${t.signed ? "int" : "uint"}${t.bits}_t`; }

/** A C declaration of `inner` (a name, or "" for an abstract type) with type t. */
export function cDecl(t: Type, inner: string): string {
  const sp = (base: string) => (inner === "" ? base : `${base} ${inner}`);
  switch (t.k) {
    case "int": return sp(cScalar(t));
    case "enum": return sp(cScalar(t.base));
    case "bool": return sp("bool");
    case "void": return sp("void");
    case "cstr": return sp("const char *").replace("* ", "*");
    case "ref": return `${t.readonly ? "const " : ""}${cDecl(t.s, `*${inner}`)}`; // read-only storage is const in C too
    case "struct": return sp(`struct ${t.cname}`);
    case "ptr": return cDecl(t.elem, `*${inner}`);
    case "arr": return cDecl(t.elem, `${parenIfPtr(inner)}[${t.n}]`);
    case "func": return cDecl(t.ret, `(*${inner})(${t.params.length === 0 ? "void" : t.params.map((p) => cDecl(p, "")).join(", ")})`);
    case "null": case "untyped": throw new Error(`internal: ${t.k} has no C type`);
  }
}
function parenIfPtr(inner: string): string { return inner.startsWith("*") ? `(${inner})` : inner; }

/** A C literal of value v with integer type t. */
export function cLiteral(v: bigint, t: IntT, hex = false): string {
  const body = (x: bigint) => (hex && x >= 0n ? `0x${x.toString(16)}` : x.toString());
  if (t.bits === 64) {
    if (!t.signed) return `${body(v)}ull`;
    if (v === minOf(t)) return "(-9223372036854775807ll - 1)";
    return `${body(v)}ll`;
  }
  if (!t.signed) return t.bits === 32 ? `${body(v)}u` : `(${cScalar(t)})${body(v)}`;
  if (t.bits === 32) return v === minOf(t) ? "(-2147483647 - 1)" : v < 0n ? `(${v})` : body(v);
  return `(${cScalar(t)})${v < 0n ? `(${v})` : body(v)}`;
}

const C_RESERVED = new Set(
  ("auto break case char const continue default do double else enum extern float for goto if inline int long register restrict " +
    "return short signed sizeof static struct switch typedef union unsigned void volatile while bool true false NULL main " +
    "int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t uintptr_t size_t asm typeof alignof offsetof " +
    "_Bool _Alignas _Alignof _Atomic _Generic _Noreturn _Static_assert _Thread_local").split(" "),
);

/** Names C or its headers reserve: _X and __x, *_t types, <stdint.h> macros. */
const C_RESERVED_PATTERN = /^(_[A-Z_]|tsk_)|__|_t$|^U?INT(8|16|32|64|PTR|MAX|_LEAST\d+|_FAST\d+)?_(MAX|MIN|C)$|^(SIZE|PTRDIFF|WCHAR|WINT|SIG_ATOMIC)_(MAX|MIN)$/;

/** A C keyword or a name the C headers define: external symbols cannot have it. */
export function isCKeyword(name: string): boolean { return C_RESERVED.has(name); }

/** A TypeScript name as a C identifier: C keywords and reserved spellings get a trailing underscore. */
export function cIdent(name: string): string {
  return C_RESERVED.has(name) || C_RESERVED_PATTERN.test(name) ? `${name}_` : name;
}
