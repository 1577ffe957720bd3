// error: 14:18 /'n' is stack storage of add: a reference to it is passed to push, which stores it in what its parameter 'l' refers to/
// push() links a node into a list: fine for a list of the same frame
// (tests/programs/exec/stack_refs_stay.ts), not for a module-level list.
interface Node { value: u32; next: Node | null; }
interface List { head: Node | null; }
const runQueue: List = zeroed();
function push(l: List, n: Node): void {
  n.next = l.head;
  l.head = n;
}
function add(v: u32): void {
  const n: Node = zeroed();
  n.value = v;
  push(runQueue, n);
}
export function main(): i32 {
  add(1);
  return 0;
}
