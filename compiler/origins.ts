// What the escape check (escape.ts) tracks: where a reference value may
// point (Origin), and the records it keeps of escapes and calls. Expressions
// attach origins to their Vals; escape.ts resolves them.
import type ts from "typescript";
import type { Type } from "./types.js";

export type Fn = ts.FunctionDeclaration;

/** Where a reference-valued expression may point. A local variable or a
 *  parameter stands for whatever was assigned to it (and a parameter for the
 *  caller's argument too). */
export type Origin =
  | { k: "storage"; fn: Fn; name: string }
  | { k: "param"; fn: Fn; index: number; name: string }
  | { k: "var"; fn: Fn; name: string }
  /** The result of a call (callee undefined: through a function reference);
   *  reach[i] is memory reached from argument i (see "reach"). */
  | { k: "call"; callee: Fn | undefined; name: string; args: (Origin[] | undefined)[]; refs: boolean[]; nodes: ts.Node[]; reach: Origin[] }
  /** A reference read from a field or element of what `from` refers to. */
  | { k: "load"; from: Origin[] | undefined }
  /** Memory reached from `from` through one read or more (for calls). */
  | { k: "reach"; from: Origin[] | undefined }
  /** Memory reached from what parameter `index` of fn refers to, through one read or more. */
  | { k: "deref"; fn: Fn; index: number; name: string }
  /** Anything else: module data (module: true), unknown memory, a call through a function reference. */
  | { k: "unknown"; module?: boolean };

export const UNKNOWN: Extract<Origin, { k: "unknown" }> = { k: "unknown" };
/** Module-level storage (its fields and elements, and what is stored in them). */
export const MODULE: Extract<Origin, { k: "unknown" }> = { k: "unknown", module: true };

/** What `c ? a : b` may point to (undefined: only unknown memory). */
export function unionOrigins(a: Origin[] | undefined, b: Origin[] | undefined): Origin[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  return [...(a ?? [UNKNOWN]), ...(b ?? [UNKNOWN])];
}

/** A reference read from a field or element of type t of what recv (origins) refers to. */
export function loadOrigins(recv: Origin[] | undefined, t: Type): Origin[] | undefined {
  return recv !== undefined && isReference(t) ? [{ k: "load", from: recv }] : undefined;
}

export function isReference(t: Type): boolean { return t.k === "ref" || t.k === "ptr" || t.k === "arr"; }

export interface Escape {
  from: Origin[];
  /** For a return: the function returned from (its parameters go back to its callers). */
  fn?: Fn;
  node: ts.Node;
  /** How it leaves; for a store, worked out from what it is stored into. */
  how?: string;
  /** For a store: what the storage stored into may be. */
  into?: Origin[];
}

export type Call = Extract<Origin, { k: "call" }>;
export type Base = Extract<Origin, { k: "storage" | "param" | "deref" | "unknown" }>;

/** `f` stores its parameter (or memory reached from it) `from` into what `into` refers to (slots: see slot()). */
export interface RelativeStore { from: number; into: number }

/** Parameter i is slot i, memory reached from it slot ~i. */
export function slot(b: Origin): number { return b.k === "param" ? b.index : b.k === "deref" ? ~b.index : NaN; }
export const isParamLike = (b: Origin): b is Extract<Origin, { k: "param" | "deref" }> => b.k === "param" || b.k === "deref";
