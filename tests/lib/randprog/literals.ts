// Literals of the random programs: values that stress each type's edges
// (0, min, max, small negatives, random bit patterns), written in decimal,
// hex, binary or octal.

import { INFO, IntType, Rng } from "./types.js";

/** A value of type t: often an edge of its range. */
export function literalValue(r: Rng, t: IntType): bigint {
  const { bits, signed } = INFO[t];
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  switch (r.int(6)) {
    case 0:
      return BigInt(r.range(0, 10));
    case 1:
      return r.chance(0.5) ? min : max;
    case 2:
      return signed ? BigInt(r.range(-10, -1)) : max - BigInt(r.range(0, 5));
    case 3: {
      const v = BigInt(r.range(0, 200));
      return v > max ? v - 100n : v;
    }
    default: {
      const u = r.bigBits(bits);
      return signed ? BigInt.asIntN(bits, u) : u;
    }
  }
}

/** v as a literal in a random base (with `n` for a bigint). */
export function formatLiteral(r: Rng, v: bigint, big: boolean): string {
  const neg = v < 0n;
  const mag = neg ? -v : v;
  let text: string;
  const style = r.int(8);
  if (style === 0 && mag > 9n) text = "0x" + mag.toString(16);
  else if (style === 1 && mag > 1n && mag < 1n << 16n) text = "0b" + mag.toString(2);
  else if (style === 2 && mag > 7n && mag < 1n << 24n) text = "0o" + mag.toString(8);
  else text = mag.toString();
  if (big) text += "n";
  return neg ? `-${text}` : text;
}
