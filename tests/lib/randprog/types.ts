// The random program generator's vocabulary: integer types and what JavaScript
// and C agree on for each, the seeded PRNG, and the generator's records of
// variables, helpers and tables (tests/lib/randprog.ts).

export type IntType = "u8" | "u16" | "u32" | "usize" | "i8" | "i16" | "i32" | "u64" | "i64";

export interface TypeInfo {
  bits: number;
  signed: boolean;
  big: boolean;
}

export const INFO: Record<IntType, TypeInfo> = {
  u8: { bits: 8, signed: false, big: false },
  u16: { bits: 16, signed: false, big: false },
  u32: { bits: 32, signed: false, big: false },
  usize: { bits: 32, signed: false, big: false },
  i8: { bits: 8, signed: true, big: false },
  i16: { bits: 16, signed: true, big: false },
  i32: { bits: 32, signed: true, big: false },
  u64: { bits: 64, signed: false, big: true },
  i64: { bits: 64, signed: true, big: true },
};

export const ALL: IntType[] = ["u8", "u16", "u32", "usize", "i8", "i16", "i32", "u64", "i64"];
export const NUMBER_TYPES: IntType[] = ["u8", "u16", "u32", "usize", "i8", "i16", "i32"];
export const BIG_TYPES: IntType[] = ["u64", "i64"];

/** Implicit conversions that the subset allows between number types. */
export const WIDENS_TO: Partial<Record<IntType, IntType[]>> = {
  u8: ["u16", "u32", "usize", "i16", "i32"],
  u16: ["u32", "usize", "i32"],
  i8: ["i16", "i32"],
  i16: ["i32"],
  u32: ["usize"],
  usize: ["u32"],
};

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  bigBits(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(this.int(65536));
    return BigInt.asUintN(bits, v);
  }
}

export interface Var {
  name: string;
  type: IntType | "bool";
  /** Loop counters are never assigned by generated statements. */
  readonly: boolean;
}

export interface Helper {
  name: string;
  params: IntType[];
  ret: IntType;
  /** The first argument is a recursion depth: kept small. */
  depthFirst?: boolean;
}

export interface Table {
  name: string;
  type: IntType;
  /** A power of two. */
  length: number;
  writable: boolean;
}
