// error: 10:11 /'ps' is stack storage of fill: a reference to it is passed to keepArr, which keeps it \(stored in module data\)/
// An Arr parameter refers to its argument: storing an element of it keeps the argument.
interface P { x: u32; }
let g: P | null = null;
function keepArr(a: Arr<P, 2>): void {
  g = a[0];
}
function fill(): void {
  const ps: Arr<P, 2> = zeroed();
  keepArr(ps);
}
export function main(): i32 {
  fill();
  return 0;
}
