// The operand of ++, -- and of a compound assignment is evaluated once, even
// when it contains a call or an increment (a[next()] += 1 calls next() once).
interface Cell {
  v: u32;
}

const cells: Arr<Cell, 4> = zeroed();
const arr: Arr<u32, 4> = [0, 0, 0, 0];
let calls: u32 = 0;

function next(): u32 {
  calls++;
  return calls - 1;
}

function cell(): Cell {
  calls++;
  return cells[calls & 3];
}

export function main(): i32 {
  arr[next()] += 5;
  print(calls);
  print(arr[0]);
  arr[next()]++;
  print(calls);
  print(arr[1]);
  --arr[next()];
  print(calls);
  print(arr[2]);
  calls = 0;
  cell().v += 7;
  print(calls);
  print(cells[1].v);
  cell().v++;
  print(calls);
  print(cells[2].v);
  let i: u32 = 0;
  arr[i++] |= 0x100;
  print(i);
  print(arr[0]);
  return 0;
}
