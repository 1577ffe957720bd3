import { TABLE } from "./tables";

export const enum Mode {
  Slow = 1,
  Fast = 3,
}

export function run(m: Mode, steps: u32): u64 {
  let acc: u64 = 0n;
  for (let i: u32 = 0; i < steps; i++) acc = u64(acc * u64(m) + u64(TABLE[i % TABLE.length]));
  return acc;
}
