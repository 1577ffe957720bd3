// Evaluation order of assignment targets and callees (issue 12, bugs 1 and 2):
// JavaScript finds an assignment's target before it evaluates the value, and
// reads a callee held in a variable before it evaluates the arguments, even
// when the value or the arguments change what the target or callee read.
let g: u32 = 1;
const a: Arr<u32, 4> = [0, 0, 0, 0];

function bump(): u32 {
  g = 7;
  return 2;
}

type Fn = (x: u32) => u32;
function one(x: u32): u32 { return u32(x + 100); }
function two(x: u32): u32 { return u32(x + 200); }
let mh: Fn = one;

function swapTo(f: Fn): u32 {
  mh = f;
  return 5;
}

export function main(): i32 {
  a[bump()] = g + 1; // the target's bump() runs first: a[2] = 8
  print(a[2]);
  g = 1;
  a[bump()] += g; // a[2] = 8 + 7
  print(a[2]);
  g = 1;
  a[bump()] = g; // a pure value that reads what the target wrote
  print(a[2]);
  let h: Fn = one;
  print(h((h = two)(5))); // the old h: one(two(5)) = 305
  print(h(1));
  print(mh((mh = two)(5)));
  mh = one;
  print(mh(swapTo(two))); // the callee is read before swapTo() changes it
  print(mh(0));
  let i: u32 = 3;
  let j: u32 = 0;
  j = i++ + i; // 3 + 4
  print(j);
  i = i++; // the old value is stored back
  print(i);
  return 0;
}
