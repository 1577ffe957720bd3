// Function references: function values in variables, parameters, results,
// zeroed tables of nullable handlers filled at run time, comparisons.
type Handler = (code: u32) => void;
type Mapper = (x: u64) => u64;
type Pred = (x: i32) => bool;

let log: u32 = 0;

function onDivide(code: u32): void {
  log = log * 10 + 1;
  print(code);
}
function onPage(code: u32): void {
  log = log * 10 + 2;
  print(code + 1000);
}

const handlers: Arr<Handler | null, 32> = zeroed();

function dispatch(vector: u32, code: u32): bool {
  const h = handlers[vector];
  if (h !== null) {
    h(code);
    return true;
  }
  return false;
}

function square(x: u64): u64 {
  return x * x;
}
function twice(f: Mapper, x: u64): u64 {
  return f(f(x));
}
function pick(big: bool): Mapper {
  return big ? square : inc;
}
function inc(x: u64): u64 {
  return x + 1n;
}

function isNeg(x: i32): bool {
  return x < 0;
}
function count(p: Pred, a: i32, b: i32, c: i32): u32 {
  return u32(p(a)) + u32(p(b)) + u32(p(c));
}

export function main(): i32 {
  handlers[0] = onDivide;
  handlers[14] = onPage;
  print(dispatch(0, 7));
  print(dispatch(14, 5));
  print(dispatch(3, 1));
  print(log);
  handlers[14] = null;
  print(dispatch(14, 5));
  print(twice(square, 3n));
  print(twice(pick(false), 3n));
  print(pick(true)(5n));
  print(count(isNeg, -1, 2, -3));
  let m: Mapper = inc;
  print(m === inc);
  m = square;
  print(m === inc);
  print(m(9n));
  return 0;
}
