// error: 12:10 /'a' is stack storage of top: a reference to it is returned/
// A reference read back from storage of the frame may be what a callee stored there.
interface Node { next: Node | null; }
interface List { head: Node | null; }
function push(l: List, n: Node): void { n.next = l.head; l.head = n; }
function top(): Node | null {
  const list: List = zeroed();
  const a: Node = zeroed();
  push(list, a);
  // list.head is a
  const h = list.head;
  return h;
}
export function main(): i32 {
  print(top() === null);
  return 0;
}
