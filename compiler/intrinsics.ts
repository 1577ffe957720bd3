// The prelude's functions: conversions, memory and address intrinsics, i386
// instructions (spelled as inline assembly in runtime/tsuki.h, recorded
// instead of executed on the host target: runtime/machine.c), and the host
// target's print functions and machine-log interface.
import ts from "typescript";
import { fail } from "./diagnostics.js";
import type { ExprCompiler } from "./expr.js";
import { type Val, paren } from "./cexpr.js";
import { coerce } from "./coerce.js";
import { defaultType } from "./constants.js";
import { CSTR, IntT, Type, U32, VOID, baseInt, cDecl, int, typeName } from "./types.js";

const CONVERSIONS = new Set(["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "usize"]);
export function isConversion(name: string): boolean { return CONVERSIONS.has(name); }

/** "machine": a privileged instruction, executed on kernel and user targets and
 *  recorded in the machine log on the host (runtime/machine.c); "host": only
 *  with --target host (printing, the machine log's test interface). */
type Where = "any" | "machine" | "host";
interface Plain { args: Type[]; ret: Type; c: string; where: Where }

const u8 = int("u8"), u16 = int("u16"), u32 = U32, u64 = int("u64");
/** Intrinsics that are plain calls of a runtime helper with fixed argument types. */
const PLAIN: Record<string, Plain> = {
  outb: { args: [u16, u8], ret: VOID, c: "tsk_outb", where: "machine" },
  outw: { args: [u16, u16], ret: VOID, c: "tsk_outw", where: "machine" },
  outl: { args: [u16, u32], ret: VOID, c: "tsk_outl", where: "machine" },
  outsb: { args: [u16, u32, u32], ret: VOID, c: "tsk_outsb", where: "machine" },
  inb: { args: [u16], ret: u8, c: "tsk_inb", where: "machine" },
  inw: { args: [u16], ret: u16, c: "tsk_inw", where: "machine" },
  inl: { args: [u16], ret: u32, c: "tsk_inl", where: "machine" },
  cli: { args: [], ret: VOID, c: "tsk_cli", where: "machine" },
  sti: { args: [], ret: VOID, c: "tsk_sti", where: "machine" },
  hlt: { args: [], ret: VOID, c: "tsk_hlt", where: "machine" },
  pause: { args: [], ret: VOID, c: "tsk_pause", where: "any" },
  readCr0: { args: [], ret: u32, c: "tsk_read_cr0", where: "machine" },
  readCr2: { args: [], ret: u32, c: "tsk_read_cr2", where: "machine" },
  readCr3: { args: [], ret: u32, c: "tsk_read_cr3", where: "machine" },
  readCr4: { args: [], ret: u32, c: "tsk_read_cr4", where: "machine" },
  writeCr0: { args: [u32], ret: VOID, c: "tsk_write_cr0", where: "machine" },
  writeCr3: { args: [u32], ret: VOID, c: "tsk_write_cr3", where: "machine" },
  writeCr4: { args: [u32], ret: VOID, c: "tsk_write_cr4", where: "machine" },
  invlpg: { args: [u32], ret: VOID, c: "tsk_invlpg", where: "machine" },
  ltr: { args: [u16], ret: VOID, c: "tsk_ltr", where: "machine" },
  loadCs: { args: [u16], ret: VOID, c: "tsk_load_cs", where: "machine" },
  loadDs: { args: [u16], ret: VOID, c: "tsk_load_ds", where: "machine" },
  loadEs: { args: [u16], ret: VOID, c: "tsk_load_es", where: "machine" },
  loadFs: { args: [u16], ret: VOID, c: "tsk_load_fs", where: "machine" },
  loadGs: { args: [u16], ret: VOID, c: "tsk_load_gs", where: "machine" },
  loadSs: { args: [u16], ret: VOID, c: "tsk_load_ss", where: "machine" },
  rdtsc: { args: [], ret: u64, c: "tsk_rdtsc", where: "any" },
  rdmsr: { args: [u32], ret: u64, c: "tsk_rdmsr", where: "machine" },
  wrmsr: { args: [u32, u64], ret: VOID, c: "tsk_wrmsr", where: "machine" },
  volatileLoad8: { args: [u32], ret: u8, c: "tsk_vload8", where: "any" },
  volatileLoad16: { args: [u32], ret: u16, c: "tsk_vload16", where: "any" },
  volatileLoad32: { args: [u32], ret: u32, c: "tsk_vload32", where: "any" },
  volatileStore8: { args: [u32, u8], ret: VOID, c: "tsk_vstore8", where: "any" },
  volatileStore16: { args: [u32, u16], ret: VOID, c: "tsk_vstore16", where: "any" },
  volatileStore32: { args: [u32, u32], ret: VOID, c: "tsk_vstore32", where: "any" },
  memcpy: { args: [u32, u32, u32], ret: VOID, c: "tsk_memcpy", where: "any" },
  memset: { args: [u32, u8, u32], ret: VOID, c: "tsk_memset", where: "any" },
  scanWords: { args: [u32, u32, u32], ret: u32, c: "tsk_scan_words", where: "any" },
  fillWords: { args: [u32, u32, u32], ret: VOID, c: "tsk_fill_words", where: "any" },
  write: { args: [CSTR], ret: VOID, c: "tsk_write", where: "host" },
  machineLogLength: { args: [], ret: u32, c: "tsk_machine_log_length", where: "host" },
  machineReset: { args: [], ret: VOID, c: "tsk_machine_reset", where: "host" },
  machineFeedPort: { args: [u16, u32], ret: VOID, c: "tsk_machine_feed_port", where: "host" },
  machineSetMsr: { args: [u32, u64], ret: VOID, c: "tsk_machine_set_msr", where: "host" },
};

/** The instructions the host target records: the names machineOp() accepts
 *  (runtime/tsuki.h lists the same ones in TSK_MACHINE_OPS). */
export const RECORDED: readonly string[] = [...Object.keys(PLAIN).filter((n) => PLAIN[n]!.where === "machine"), "lgdt", "lidt"];
const CONTROL_REGISTERS = new Set([0n, 2n, 3n, 4n]);

function checkTarget(ec: ExprCompiler, name: string, where: Where, e: ts.Node): void {
  if (where !== "host" || ec.ctx.target === "host") return;
  if (name === "print" || name === "write") {
    fail(e, `${name}() is only available with --target host: kernel and user code prints through its console. ` +
      "To test this module on the host, print from a host-only test driver that imports it, and check what it did to the machine with machineLogEntry() (docs/subset.md, \"Testing code near the hardware\")");
  }
  fail(e, `${name}() belongs to host tests (--target host): keep it in the test driver, not in a module compiled for the ${ec.ctx.target}`);
}

function typeArg(ec: ExprCompiler, e: ts.CallExpression, name: string, pos: "value" | "storage"): Type {
  if (!e.typeArguments || e.typeArguments.length !== 1) fail(e, `${name} needs one type argument, e.g. ${name}<Thread>(...)`);
  return ec.ctx.typeOf(e.typeArguments[0], pos);
}

function args(e: ts.CallExpression, n: number, name: string): readonly ts.Expression[] {
  if (e.arguments.length !== n) fail(e, `${name}() takes ${n} argument${n === 1 ? "" : "s"}, found ${e.arguments.length}`);
  return e.arguments;
}

export function callIntrinsic(ec: ExprCompiler, name: string, e: ts.CallExpression, _want?: Type): Val {
  const plain = PLAIN[name];
  if (plain) {
    checkTarget(ec, name, plain.where, e);
    const as = args(e, plain.args.length, name).map((a, i) => {
      const v = ec.expr(a, plain.args[i]);
      return { c: coerce(v, plain.args[i], a), t: plain.args[i], v };
    });
    return { c: ec.callWith(plain.c, as), t: plain.ret, pure: false };
  }
  switch (name) {
    case "print": {
      checkTarget(ec, name, "host", e);
      const [a] = args(e, 1, name);
      const v = ec.expr(a);
      let t: Type = v.t;
      if (t.k === "untyped") t = defaultType(v.value!, t.big);
      const it = baseInt(t);
      if (it) {
        const w: IntT = it.bits === 64 ? it : int(it.signed ? "i32" : "u32");
        return { c: `tsk_print_${w.name}(${coerce(v, w, a)})`, t: VOID, pure: false };
      }
      if (t.k === "bool") return { c: `tsk_print_bool(${v.c})`, t: VOID, pure: false };
      if (t.k === "cstr") return { c: `tsk_print_str(${v.c})`, t: VOID, pure: false };
      fail(a, `print() prints integers, bools and string literals, not ${typeName(t)}`);
    }
    case "machineOp": {
      checkTarget(ec, name, "host", e);
      const [a] = args(e, 1, name);
      if (!ts.isStringLiteral(a) || !RECORDED.includes(a.text)) {
        fail(a, `machineOp() takes the name of a recorded instruction as a string literal: one of ${RECORDED.map((n) => `"${n}"`).join(", ")}`);
      }
      return { c: `((uint32_t)TSK_OP_${a.text})`, t: U32, pure: true };
    }
    case "machineLogEntry": {
      checkTarget(ec, name, "host", e);
      const [a] = args(e, 1, name);
      const v = converted(ec, a, U32);
      const s = ec.ctx.preludeStruct("MachineCall");
      return { c: ec.callWith("tsk_machine_log_entry", [{ c: v.c, t: U32, v }]), t: { k: "ref", s, nullable: false, readonly: true }, pure: false };
    }
    case "machineSetCr": {
      checkTarget(ec, name, "host", e);
      const [n, value] = args(e, 2, name);
      const nv = converted(ec, n, U32);
      if (nv.value !== undefined && !CONTROL_REGISTERS.has(nv.value)) fail(n, `i386 has no CR${nv.value}: machineSetCr() sets CR0, CR2, CR3 or CR4`);
      const vv = converted(ec, value, U32);
      return { c: ec.callWith("tsk_machine_set_cr", [{ c: nv.c, t: U32, v: nv }, { c: vv.c, t: U32, v: vv }]), t: VOID, pure: false };
    }
    case "ref": {
      const t = typeArg(ec, e, name, "storage");
      if (t.k !== "struct") fail(e, `ref<T> takes a struct (interface) type, not ${typeName(t)}: use ptr<T> for other memory`);
      const [a] = args(e, 1, name);
      const v = converted(ec, a, U32);
      return { c: `((struct ${t.cname} *)(uintptr_t)${paren(v.c)})`, t: { k: "ref", s: t, nullable: false, readonly: false }, pure: v.pure, linkConst: isAddressConstant(v) };
    }
    case "ptr": {
      const t = typeArg(ec, e, name, "storage");
      const [a] = args(e, 1, name);
      const v = converted(ec, a, U32);
      return { c: `((${cDecl(t, "*")})(uintptr_t)${paren(v.c)})`, t: { k: "ptr", elem: t }, pure: v.pure, linkConst: isAddressConstant(v) };
    }
    case "addr": {
      const [a] = args(e, 1, name);
      return addrOf(ec, a);
    }
    case "sizeOf": {
      const t = typeArg(ec, e, name, "storage");
      args(e, 0, name);
      if (t.k === "void" || t.k === "null" || t.k === "untyped") fail(e, `${typeName(t)} has no size`);
      const size = ec.ctx.sizeOf(t, e);
      return { c: `${size}u`, t: U32, value: BigInt(size), pure: true, exact: true };
    }
    case "offsetOf": {
      const t = typeArg(ec, e, name, "storage");
      if (t.k !== "struct") fail(e, "offsetOf<S>(field) takes a struct (interface) type");
      const [a] = args(e, 1, name);
      if (!ts.isStringLiteral(a)) fail(a, "offsetOf needs the field name as a string literal");
      ec.ctx.laidOut(t, e);
      const f = t.fields.find((x) => x.name === a.text);
      if (!f) fail(a, `struct ${t.name} has no field '${a.text}'`);
      return { c: `${f.offset}u`, t: U32, value: BigInt(f.offset), pure: true, exact: true };
    }
    case "cpuid": {
      checkTarget(ec, name, "any", e);
      const [leaf, sub, out] = args(e, 3, name);
      const res = { k: "ref" as const, s: ec.ctx.preludeStruct("CpuidResult"), nullable: false, readonly: false };
      const as = ([[leaf, U32], [sub, U32], [out, res]] as const).map(([a, t]) => {
        const v = ec.expr(a, t);
        return { c: coerce(v, t, a), t, v };
      });
      return { c: ec.callWith("tsk_cpuid", as), t: VOID, pure: false };
    }
    case "lgdt": case "lidt": {
      checkTarget(ec, name, "machine", e);
      const [p] = args(e, 1, name);
      const res = { k: "ref" as const, s: ec.ctx.preludeStruct("DescriptorTablePointer"), nullable: false, readonly: false };
      return { c: `tsk_${name}(${coerce(ec.expr(p), res, p)})`, t: VOID, pure: false };
    }
    case "zeroed":
      fail(e, "zeroed() reserves storage: use it as the initializer of a const, e.g. `const t: Tss = zeroed();`");
    default:
      fail(e, `'${name}' cannot be called here`);
  }
}

/** An argument converted to t, keeping what is known about it. */
function converted(ec: ExprCompiler, a: ts.Expression, t: Type): Val {
  const v = ec.expr(a, t);
  return { ...v, c: coerce(v, t, a) };
}

/** ptr<T>(k) and ref<S>(k) of a constant or of an address of module data are C address constants. */
function isAddressConstant(v: Val): boolean { return v.value !== undefined || v.linkConst === true; }

/** addr(x): the address of a reference, array, pointer, lvalue, function or external symbol. */
function addrOf(ec: ExprCompiler, a: ts.Expression): Val {
  const v = ec.expr(a);
  const cast = (c: string, linkConst: boolean): Val => ({ c: `((uint32_t)(uintptr_t)${paren(c)})`, t: U32, pure: v.pure, linkConst });
  switch (v.t.k) {
    case "ref": return cast(v.c, v.linkConst ?? false);
    case "arr": return cast(v.c, v.linkConst ?? false);
    case "ptr": return cast(v.c, false);
    case "cstr": return cast(v.c, true);
    // A function reference is the function's address, wherever it is held.
    case "func": return v.lv ? cast(v.c, false) : cast(`&${v.c}`, true);
    default: break;
  }
  if (v.lv) {
    if (v.lv.storage.k === "bool" || baseInt(v.lv.storage) || v.lv.storage.k === "func" || v.lv.storage.k === "ref" || v.lv.storage.k === "ptr" || v.lv.storage.k === "cstr") {
      return cast(`&${v.c}`, v.staticAddr ?? false);
    }
  }
  if (v.t.k === "bool") return fail(a, "addr() of a bool value: take the address of a variable or field");
  fail(a, `addr() needs a reference, an array, a pointer, a variable, a field, an element, a function or an external symbol; found ${typeName(v.t)}`);
}

