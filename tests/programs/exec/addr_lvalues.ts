// addr() of integer lvalues: module variables, locals, struct fields and
// array elements; memory written through the address is seen by the variable.
interface Pair {
  a: u16;
  b: u32;
}

let counter: u32 = 1;
const pair: Pair = zeroed();
const table: Arr<u16, 4> = [10, 20, 30, 40];

export function main(): i32 {
  volatileStore32(addr(counter), 77);
  print(counter);
  let local: u32 = 5;
  volatileStore32(addr(local), volatileLoad32(addr(local)) + 1);
  print(local);
  volatileStore32(addr(pair.b), 0xabcdef);
  print(pair.b);
  print(addr(pair.b) - addr(pair));
  volatileStore16(addr(table[2]), 333);
  print(table[2]);
  print(addr(table[3]) - addr(table[1]));
  let wide: u64 = 0n;
  memset(addr(wide), 0xff, 4);
  print(wide);
  return 0;
}
