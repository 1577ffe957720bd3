// References to stack storage that do not outlive their function compile:
// stored in storage of the same frame, passed to functions that only read
// them or hand them back (the escape check of issue 12 must not refuse these).
interface Node { value: u32; next: Node | null; }
interface List { head: Node | null; count: u32; }

function push(l: List, n: Node): List {
  n.next = l.head;
  l.head = n;
  l.count++;
  return l;
}

function sum(l: List): u32 {
  let total: u32 = 0;
  for (let n = l.head; n !== null; n = n.next) total = u32(total + n.value);
  return total;
}

function local(): u32 {
  const list: List = zeroed();
  const a: Node = { value: 3, next: null };
  const b: Node = { value: 4, next: null };
  push(list, a);
  const same = push(list, b); // a node of this frame linked into a list of this frame
  return u32(sum(same) * 10 + list.count);
}

/** A variable that starts as null and then holds a local object. */
function later(): u32 {
  const a: Node = zeroed();
  const b: Node = { value: 5, next: null };
  let q: Node | null = null;
  q = a;
  q.next = b;
  const n = a.next;
  return n === null ? 0 : n.value;
}

export function main(): i32 {
  print(local());
  print(later());
  return 0;
}
