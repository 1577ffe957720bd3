// error: 9:8 /(read-only|readonly)/i
// An element of a read-only table of structs (`readonly S[]`, in .rodata) is
// a read-only reference; passing it as a mutable S must be refused like a
// Readonly<S> (now it is accepted and the write is lost or faults).
interface S { x: u32; }
const T: readonly S[] = [{ x: 1 }, { x: 2 }];
function bump(s: S): void { s.x = s.x + 1; }
export function main(): i32 {
  bump(T[1]);
  print(T[1].x);
  return 0;
}
