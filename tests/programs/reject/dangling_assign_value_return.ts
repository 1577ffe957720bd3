// error: 7:10 /'p' is stack storage of make: a reference to it is returned/
// An assignment used as a value is the value assigned.
interface P { x: u32; }
function make(): P {
  const p: P = zeroed();
  let r: P | null = null;
  return (r = p);
}
export function main(): i32 {
  print(make().x);
  return 0;
}
