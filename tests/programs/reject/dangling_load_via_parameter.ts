// error: 10:10 /'a' is stack storage of leak: a reference to it is returned/
// A reference a callee reads through its parameter is memory reached from the argument.
interface N { v: u32; next: N | null; }
interface L { head: N | null; }
function first(l: L): N | null { return l.head; }
function leak(): N | null {
  const l: L = zeroed();
  const a: N = { v: 1, next: null };
  l.head = a;
  return first(l);
}
export function main(): i32 {
  print(leak() === null);
  return 0;
}
