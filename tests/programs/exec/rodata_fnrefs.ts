// Read-only tables of function references: a dispatch table indexed by an
// operation number, as a kernel's system-call table.
type BinOp = (a: i32, b: i32) => i32;

function add(a: i32, b: i32): i32 {
  return a + b;
}
function sub(a: i32, b: i32): i32 {
  return a - b;
}
function mul(a: i32, b: i32): i32 {
  return a * b;
}
function quo(a: i32, b: i32): i32 {
  return b === 0 ? 0 : i32(a / b);
}

const OPS: readonly BinOp[] = [add, sub, mul, quo];
const NAMES: readonly CStr[] = ["add", "sub", "mul", "quo"];

function dispatch(op: u32, a: i32, b: i32): i32 {
  if (op >= OPS.length) return -1;
  return OPS[op](a, b);
}

export function main(): i32 {
  for (let op: u32 = 0; op < OPS.length; op++) {
    write(NAMES[op]);
    write(" ");
    print(dispatch(op, 17, -5));
  }
  print(dispatch(9, 1, 1));
  const f: BinOp = OPS[2];
  print(f(6, 7));
  print(OPS[0] === add);
  print(OPS[1] === add);
  return 0;
}
