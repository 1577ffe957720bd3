// Module-level zeroed storage: structs and arrays start zero-filled; alignment
// and section options are honoured.
interface Pair {
  a: u32;
  b: u64;
}

const pages: Arr<u32, 1024> = zeroed({ align: 4096 });
const special: Arr<u8, 64> = zeroed({ align: 64, section: ".bss.tsuki_test" });
const pair: Pair = zeroed();
const pairs: Arr<Pair, 3> = zeroed({ align: 16 });
let counter: u32 = 0;
let flag: bool = false;
let big: i64 = 0n;

export function main(): i32 {
  let nonzero: u32 = 0;
  for (let i: u32 = 0; i < pages.length; i++) if (pages[i] !== 0) nonzero++;
  for (let i: u32 = 0; i < special.length; i++) if (special[i] !== 0) nonzero++;
  print(nonzero);
  print(addr(pages) % 4096);
  print(addr(special) % 64);
  print(addr(pairs) % 16);
  print(pair.a);
  print(pair.b);
  print(pairs[2].b);
  print(counter);
  print(flag);
  print(big);
  pages[1023] = 0xffffffff;
  print(pages[1023]);
  special[63] = 7;
  print(special[63]);
  pair.b = 1n << 40n;
  print(pair.b);
  print(pages.length);
  return 0;
}
