// Conditional expressions of references and null, as values and arguments.
interface Node {
  v: u32;
  next: Node | null;
}

const a: Node = { v: 1, next: null };
const b: Node = { v: 2, next: a };

function valueOr(n: Node | null, dflt: u32): u32 {
  return n !== null ? n.v : dflt;
}

export function main(): i32 {
  let flag: bool = b.next === a;
  const pick: Node | null = flag ? b : null;
  print(valueOr(pick, 99));
  const other: Node | null = !flag ? b : null;
  print(valueOr(other, 99));
  print(valueOr(flag ? a.next : b, 7));
  const n: Node = flag ? a : b;
  print(n.v);
  return 0;
}
