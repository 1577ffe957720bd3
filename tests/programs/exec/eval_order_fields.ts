// Left-to-right evaluation with struct fields (packed and not), Ptr elements
// and references whose target changes during the statement: the target is
// evaluated first, a compound target is read before the right-hand side.
interface P extends Packed {
  a: u8;
  b: u64;
  c: u16;
}

interface Node {
  v: u32;
  next: Node | null;
}

const p: P = zeroed();
const n1: Node = { v: 1, next: null };
const n2: Node = { v: 2, next: null };
let cur: Node = n1;
const words: Arr<u32, 4> = [10, 20, 30, 40];

function bumpB(): u64 {
  p.b += 100n;
  return 1n;
}

function switchCur(): u32 {
  cur = n2;
  return 5;
}

function touchWords(): u32 {
  words[1] = 1000;
  return 7;
}

export function main(): i32 {
  p.b = 5n;
  p.b += bumpB(); // old 5 + 1
  print(p.b);
  p.c = 1;
  p.c = u16(p.c + u32(bumpB())); // reads c before the call (c is unchanged by it)
  print(p.c);
  print(p.b);
  cur.v = switchCur(); // the target (n1) is chosen before the value
  print(n1.v);
  print(n2.v);
  cur = n1;
  cur.v += switchCur(); // n1.v: 5 + 5
  print(n1.v);
  print(n2.v);
  const w: Ptr<u32> = ptr<u32>(addr(words));
  w[1] += touchWords(); // old 20 + 7
  print(words[1]);
  print(w[1] + touchWords() + w[1]); // 27 + 7 + 1000: w[1] is read again after the call
  return 0;
}
