// error: 7:10 /'p' is stack storage of make: a reference to it is returned.*static storage.*allocator/
// Stack storage lives until its function returns: returning it would dangle
// (gcc -O2 turns `return &p` into NULL).
interface Point { x: u32; y: u32; }
function make(): Point {
  const p: Point = { x: 3, y: 4 };
  return p;
}
export function main(): i32 {
  print(make().x);
  return 0;
}
