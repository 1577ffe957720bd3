// error: 15:3 /'b' is stack storage of link: a reference to it is stored in memory the check cannot follow/
// A call through a function reference may store anything into what its
// argument reaches: l.head may no longer be a afterwards.
interface N { v: u32; next: N | null; }
interface L { head: N | null; }
type Visit = (l: L) => void;
function nothing(l: L): void { }
const visit: Visit = nothing;
function link(): void {
  const a: N = { v: 1, next: null };
  const b: N = { v: 2, next: null };
  const l: L = { head: a };
  visit(l);
  const h = l.head!;
  h.next = b;
}
export function main(): i32 {
  link();
  return 0;
}
