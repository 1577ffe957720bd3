interface Node {
  v: u64;
  w: u16;
}

const enum Kind {
  X = 2,
}

export const LIMIT: i8 = -10;
const pool: Node = zeroed();

function helper(n: Node, v: u32): u32 {
  n.v = u64(v) << 33n;
  return u32(n.v >> 32n);
}

export function nodeSize(): u32 {
  return sizeOf<Node>();
}

export function fill(v: u32): u32 {
  return helper(pool, v);
}

export function kindOf(): i32 {
  return Kind.X;
}
