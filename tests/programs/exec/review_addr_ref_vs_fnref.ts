// addr() of an lvalue that holds a reference must follow one rule whatever
// the reference's type. Now addr(s.next) / addr(refs[0]) / addr(localRef) give
// the address of the referenced struct, while addr(s.f) / addr(fns[0]) /
// addr(localFn) give the address of the slot holding the function reference.
// Either rule can be documented; both at once is a trap (e.g. for an IDT or a
// handler table). Each line prints whether the two kinds agree.
interface S { next: S | null; f: H | null; }
type H = (x: u32) => u32;
function id(x: u32): u32 { return x; }
const target: S = zeroed();
const s: S = zeroed();
const refs: Arr<S | null, 2> = [target, null];
const fns: Arr<H | null, 2> = [id, null];

export function main(): i32 {
  s.next = target;
  s.f = id;
  const fieldIsValue = addr(s.next) === addr(target);
  const fnFieldIsValue = addr(s.f) === addr(id);
  print(fieldIsValue === fnFieldIsValue);
  const elemIsValue = addr(refs[0]) === addr(target);
  const fnElemIsValue = addr(fns[0]) === addr(id);
  print(elemIsValue === fnElemIsValue);
  const r: S = target;
  const h: H = id;
  print((addr(r) === addr(target)) === (addr(h) === addr(id)));
  return 0;
}
