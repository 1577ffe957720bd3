// error: 9:10 /'a' is stack storage of leak: a reference to it is returned/
// Storage initialised with a reference holds it: reading it back gives it.
interface N { v: u32; next: N | null; }
interface L { head: N | null; }
function leak(): N | null {
  const a: N = { v: 1, next: null };
  const m: L = { head: a };
  const h = m.head;
  return h;
}
export function main(): i32 {
  print(leak() === null);
  return 0;
}
