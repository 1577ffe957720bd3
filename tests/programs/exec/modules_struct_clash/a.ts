interface Node {
  v: u8;
  next: Node | null;
}

const enum Kind {
  X = 1,
}

export const LIMIT: u32 = 10;
const pool: Node = zeroed();

function helper(n: Node, v: u32): u32 {
  n.v = u8(v);
  return n.v;
}

export function nodeSize(): u32 {
  return sizeOf<Node>();
}

export function fill(v: u32): u32 {
  return helper(pool, v + 250);
}

export function kindOf(): i32 {
  return Kind.X;
}
