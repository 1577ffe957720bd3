// error: 12:10 /'a' is stack storage of pick: a reference to it is returned/
// Local variables are followed, in any order of assignment; so are functions
// that hand back their argument.
interface Cell { v: u32; }
function same(c: Cell): Cell { return c; }
function pick(n: u32): Cell | null {
  const a: Cell = zeroed();
  let r: Cell | null = null;
  for (let i: u32 = 0; i < n; i++) {
    if (i === 2) r = same(a);
  }
  return r;
}
export function main(): i32 {
  print(pick(1) === null);
  return 0;
}
