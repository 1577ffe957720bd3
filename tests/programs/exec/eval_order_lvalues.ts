// Compound lvalues are evaluated left to right, each part once (issue 12,
// bugs 3 and 5): in `get().arr[idx()] = v` JavaScript calls get(), then
// idx(), then evaluates v; `pick().arr.length` still calls pick().
interface Box { arr: Arr<u32, 4>; f: u32; inner: Inline<Cell>; }
interface Cell { v: u32; cells: Arr<Cell2, 2>; }
interface Cell2 { w: u32; }
const box: Box = zeroed();
const other: Box = zeroed();
let which: u32 = 0;
let trace: u32 = 0;

function note(v: u32): u32 {
  trace = u32(trace * 10 + v);
  return v;
}
function get(): Box {
  note(1);
  which = u32(which + 1);
  return which > 1 ? other : box;
}
function idx(): u32 {
  note(2);
  which = 5;
  return 1;
}
let picked: u32 = 0;
function pick(): Box {
  picked = u32(picked + 1);
  return box;
}

export function main(): i32 {
  get().arr[idx()] = u32(which + note(3)); // get, idx, then the value: 5 + 3
  print(box.arr[1]);
  print(other.arr[1]);
  print(trace);
  trace = 0;
  which = 0;
  get().arr[idx()] += note(3); // 8 + 3
  print(box.arr[1]);
  print(trace);
  trace = 0;
  which = 0;
  get().inner.cells[idx()].w = which; // which is 5 when the value is read
  print(box.inner.cells[1].w);
  print(trace);
  which = 0;
  get().arr[idx()]++;
  print(box.arr[1]);
  const n = pick().arr.length;
  print(n);
  print(picked);
  print(u32(pick().arr.length + picked)); // 4 + 2: pick() runs before picked is read
  return 0;
}
