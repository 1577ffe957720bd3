// Kernel logic on the host: two-level i386 page tables in 4 KiB-aligned
// static storage; map() fills page directory and table entries with the
// tables' own addresses, translate() walks them through ptr<u32>().
const PRESENT: u32 = 1;
const WRITE: u32 = 2;
const USER: u32 = 4;
const FRAME: u32 = 0xfffff000;

const directory: Arr<u32, 1024> = zeroed({ align: 4096 });
const tables: Arr<u32, 4096> = zeroed({ align: 4096 }); // four page tables
let nextTable: u32 = 0;

function map(va: u32, pa: u32, flags: u32): bool {
  const di: u32 = va >>> 22;
  let pde: u32 = directory[di];
  if ((pde & PRESENT) === 0) {
    if (nextTable === 4) return false;
    const table: usize = addr(tables) + nextTable * 4096;
    nextTable++;
    pde = table | PRESENT | WRITE | USER;
    directory[di] = pde;
  }
  const pt: Ptr<u32> = ptr<u32>(pde & ~u32(0xfff));
  pt[(va >>> 12) & 0x3ff] = (pa & FRAME) | flags | PRESENT;
  return true;
}

/** The physical address for va, or 0xffffffff when unmapped. */
function translate(va: u32): u32 {
  const pde: u32 = directory[va >>> 22];
  if ((pde & PRESENT) === 0) return 0xffffffff;
  const pte: u32 = ptr<u32>(pde & FRAME)[(va >>> 12) & 0x3ff];
  if ((pte & PRESENT) === 0) return 0xffffffff;
  return (pte & FRAME) | (va & 0xfff);
}

export function main(): i32 {
  print(addr(directory) % 4096);
  print(map(0x08000000, 0x00200000, WRITE | USER));
  print(map(0x08001000, 0x00201000, USER));
  print(map(0xc0000000, 0x00100000, WRITE));
  print(map(0x00400000, 0x00300000, 0));
  print(map(0xffc00000, 0x00400000, 0));
  print(map(0x7fc00000, 0x00500000, 0)); // a fifth table: none left
  print(nextTable);
  print(translate(0x08000123));
  print(translate(0x08001fff));
  print(translate(0x08002000));
  print(translate(0xc0000abc));
  print(translate(0x12345678));
  print(directory[0x08000000 >>> 22] & 0xfff);
  print((directory[0x08000000 >>> 22] & FRAME) === addr(tables));
  print(tables[1] & 0xfff);
  return 0;
}
