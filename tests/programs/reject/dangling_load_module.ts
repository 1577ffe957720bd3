// error: 11:3 /'n' is stack storage of link: a reference to it is stored in module data/
// A reference read back from storage of the frame is whatever was stored
// there: here module data, which must not point to the local node.
interface P { next: P | null; }
interface Q { head: P | null; }
const GP: P = zeroed();
function link(): void {
  const q: Q = zeroed();
  const n: P = zeroed();
  q.head = GP;
  q.head!.next = n;
}
export function main(): i32 {
  link();
  return 0;
}
