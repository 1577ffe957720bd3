// Nullable references (S | null): null checks, linked lists built in static
// storage, reference equality, narrowing after a check.
interface Node {
  value: u32;
  next: Node | null;
}

const pool: Arr<Node, 5> = zeroed();
let head: Node | null = null;

function push(n: Node, v: u32): void {
  n.value = v;
  n.next = head;
  head = n;
}

function length(list: Node | null): u32 {
  let n: u32 = 0;
  for (let p = list; p !== null; p = p.next) n++;
  return n;
}

function sum(list: Node | null): u32 {
  if (list === null) return 0;
  return list.value + sum(list.next);
}

function find(v: u32): Node | null {
  let p: Node | null = head;
  while (p) {
    if (p.value === v) return p;
    p = p.next;
  }
  return null;
}

export function main(): i32 {
  print(length(head));
  for (let i: u32 = 0; i < 5; i++) push(pool[i], (i + 1) * 10);
  print(length(head));
  print(sum(head));
  const h = head;
  if (h !== null) print(h.value);
  const f = find(30);
  print(f !== null);
  print(f === pool[2]);
  print(f === pool[3]);
  print(find(31) === null);
  // unlink the node after 30
  if (f !== null && f.next !== null) f.next = f.next.next;
  print(length(head));
  print(sum(head));
  let none: Node | null = null;
  print(none === null);
  none = pool[0];
  print(none.next === null);
  return 0;
}
