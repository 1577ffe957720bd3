// error: 11:8 /(read-only|readonly)/i
// TypeScript lets a Readonly<S> (or an element of a `readonly S[]` table) be
// passed where a mutable S is expected. The tables live in .rodata: a write
// through the parameter faults (host) or is silently dropped by gcc, which
// assumes const objects never change (it printed 1 and 2 here). The compiler
// must refuse the conversion.
interface S { x: u32; }
const R: Readonly<S> = { x: 1 };
function bump(s: S): void { s.x = s.x + 1; }
export function main(): i32 {
  bump(R);
  print(R.x);
  return 0;
}
