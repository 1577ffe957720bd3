// Module data may be initialised with "addresses of module data" (the
// compiler's own message), and addr() takes lvalues such as addr(table[3]) and
// addr(r.f) (docs/subset.md, "Addresses"). Both are C address constants, but
// now only addr(s0) is accepted at module level; addr(tbl[2]) and addr(s0.y)
// are refused as "not constants".
interface S { x: u32; y: u32; }
const s0: S = zeroed();
const tbl: Arr<u32, 4> = zeroed();
let whole: usize = addr(s0);
let elem: usize = addr(tbl[2]);
let field: usize = addr(s0.y);

export function main(): i32 {
  print(whole === addr(s0));
  print(elem - addr(tbl));
  print(field - whole);
  return 0;
}
