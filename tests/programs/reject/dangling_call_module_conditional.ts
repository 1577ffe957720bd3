// error: 12:25 /'n' is stack storage of add: a reference to it is passed to link, which stores it in what its parameter 'q' refers to/
// A call's result may be module data, also as one arm of `?:`.
interface P { next: P | null; }
interface Q { head: P | null; }
const GQ: Q = zeroed();
function getQ(): Q { return GQ; }
function link(q: Q, n: P): void { q.head = n; }
function add(c: bool): void {
  const lq: Q = zeroed();
  const n: P = zeroed();
  // the first argument may be GQ
  link(c ? getQ() : lq, n);
}
export function main(): i32 {
  add(true);
  return 0;
}
