// error: 8:5 /cannot use .* it is read-only/
// An array inside Readonly<S> storage (in .rodata) cannot be passed where a
// mutable array is expected: the callee could write to it.
interface G { tbl: Arr<u32, 3>; }
const R: Readonly<G> = { tbl: [4, 5, 6] };
function w(a: Arr<u32, 3>): void { a[1] = 9; }
export function main(): i32 {
  w(R.tbl);
  return 0;
}
