// A read-only array (part of Readonly<S> storage) passes to a Readonly<Arr<T, N>> parameter.
interface G { tbl: Arr<u32, 3>; }
const R: Readonly<G> = { tbl: [4, 5, 6] };
function r(a: Readonly<Arr<u32, 3>>): u32 { return a[1]; }
export function main(): i32 { print(r(R.tbl)); return 0; }
