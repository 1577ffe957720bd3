import { Kind, popcount } from "./deep/bits";

export type Op = (x: u32) => u32;

export function init(): u32 {
  return 1;
}

export function describe(k: Kind): u32 {
  switch (k) {
    case Kind.Small:
      return popcount(3);
    case Kind.Large:
      return 1000;
  }
  return 0;
}

export function apply(f: Op, x: u32): u32 {
  return f(x);
}
