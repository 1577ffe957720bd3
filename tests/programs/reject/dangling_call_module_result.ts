// error: 13:3 /'n' is stack storage of link: a reference to it is stored in module data/
// A call's result may be module data: q may be GQ, and GQ.head would dangle.
interface P { next: P | null; }
interface Q { head: P | null; }
const GQ: Q = zeroed();
function getQ(): Q { return GQ; }
function link(c: bool): void {
  const lq: Q = zeroed();
  const n: P = zeroed();
  let q: Q = lq;
  if (c) q = getQ();
  // q may be GQ: the local node would be linked into module data
  q.head = n;
}
export function main(): i32 {
  link(true);
  return 0;
}
