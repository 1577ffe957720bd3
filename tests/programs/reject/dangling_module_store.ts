// error: 7:3 /'node' is stack storage of enqueue: a reference to it is stored in module data/
interface Node { value: u32; next: Node | null; }
let head: Node | null = null;
function enqueue(v: u32): void {
  const node: Node = zeroed();
  node.value = v;
  head = node;
}
export function main(): i32 {
  enqueue(1);
  return 0;
}
