// error: 8:3 /'p' is stack storage of a: a reference to it is stored in module data/
// The result of an external function may be any of its arguments.
interface P { x: u32; }
declare function pass(p: P): P;
let g: P | null = null;
function a(): void {
  const p: P = zeroed();
  g = pass(p);
}
export function main(): i32 {
  a();
  return 0;
}
