// error: 12:3 /'node' is stack storage of link: a reference to it is stored in module data/
// A variable that may hold module data is not storage of this frame, even
// if it may also hold a local object.
interface Node { next: Node | null; }
const shared: Node = zeroed();
function link(useShared: bool): void {
  const head: Node = zeroed();
  const node: Node = zeroed();
  let target: Node = head;
  if (useShared) target = shared;
  // target may be `shared`: the local node would be linked into module data
  target.next = node;
}
export function main(): i32 {
  link(true);
  return 0;
}
