export const BASE: u32 = 0x1000;
export const LIMIT: i32 = -1;
export let scaled: u32 = 3 * 7;

export const enum Mode {
  Off,
  On,
}

export function twice(x: u32): u32 {
  return x * 2;
}
