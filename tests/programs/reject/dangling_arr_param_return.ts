// error: 9:10 /'ps' is stack storage of pick: a reference to it is returned/
// An element of an Arr parameter handed back is the caller's argument.
interface P { x: u32; }
function firstOf(a: Arr<P, 2>): P {
  return a[1];
}
function pick(): P {
  const ps: Arr<P, 2> = zeroed();
  return firstOf(ps);
}
export function main(): i32 {
  print(pick().x);
  return 0;
}
