// Evaluation order: TypeScript evaluates operands and arguments left to right
// and reads a compound assignment's target before its right-hand side; the
// compiled program must do the same (C leaves much of it unspecified, and gcc
// evaluates i386 call arguments right to left).
let g: u32 = 1;
let trace: u32 = 0;

function note(v: u32): u32 {
  trace = u32(trace * 10 + v);
  return v;
}

function bump(): u32 {
  g = u32(g + 10);
  return 5;
}

function pair(a: u32, b: u32): u32 {
  return u32(a * 100 + b);
}

const arr: Arr<u32, 4> = [0, 0, 0, 0];

type Pair = (a: u32, b: u32) => u32;
function pairB(a: u32, b: u32): u32 {
  return u32(b * 100 + a);
}
const PAIRS: readonly Pair[] = [pair, pairB];

export function main(): i32 {
  print(note(1) + note(2) * note(3));
  print(trace);
  trace = 0;
  print(pair(note(4), note(5)));
  print(trace);
  trace = 0;
  print(u32(note(6) - note(7)));
  print(trace);
  g = 1;
  print(g + bump()); // g is read before bump() changes it: 1 + 5
  print(g);
  g = 1;
  g += bump(); // the old g: 1 + 5
  print(g);
  g = 1;
  g = g * bump(); // 1 * 5
  print(g);
  let i: u32 = 0;
  arr[i++] = i; // the index is evaluated before the right-hand side
  print(arr[0]);
  print(i);
  i = 0;
  print(pair(i++, i++));
  print(i);
  let x: u32 = 3;
  print(u32(x++ * 10 + x));
  trace = 0;
  const cond: bool = note(1) > 0 && note(2) > 5 && note(3) > 0;
  print(cond);
  print(trace);
  // the callee (a table element chosen by a call) is evaluated before the arguments
  trace = 0;
  print(PAIRS[note(1)](note(2), note(3)));
  print(trace);
  return 0;
}
