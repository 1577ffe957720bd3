import { bias } from "../types";

export const enum Kind {
  Small = 1,
  Large = 0x40,
}

export function init(): u32 {
  return 2 + bias();
}

export function popcount(x: u32): u32 {
  let n: u32 = 0;
  while (x !== 0) {
    n += x & 1;
    x >>>= 1;
  }
  return n;
}
