// error: 8:3 /'p' is stack storage of keep: a reference to it is stored in module data/
// An assignment used as a value is the value assigned.
interface P { x: u32; }
let g: P | null = null;
function keep(): void {
  const p: P = zeroed();
  let r: P | null = null;
  g = (r = p);
}
export function main(): i32 {
  keep();
  return 0;
}
