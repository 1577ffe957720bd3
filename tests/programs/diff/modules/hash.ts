import { TABLE } from "./tables";

export const SEED: u32 = 0x1234;

export function checksum(seed: u32): u32 {
  let h: u32 = seed;
  for (let i: u32 = 0; i < TABLE.length; i++) h = u32(u64(h ^ TABLE[i]) * 2654435761n);
  return h;
}
