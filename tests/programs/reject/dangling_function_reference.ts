// error: 9:10 /'p' is stack storage of a: a reference to it is returned/
// The result of a call through a function reference may be any of its arguments.
interface P { x: u32; }
type Id = (p: P) => P;
function ident(p: P): P { return p; }
const f: Id = ident;
function a(): P {
  const p: P = zeroed();
  return f(p);
}
export function main(): i32 {
  print(a().x);
  return 0;
}
