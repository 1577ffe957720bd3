// Where module data goes: read-only tables in .rodata, initialised variables
// in .data, zeroed storage in .bss with its alignment or in the section it
// names. compiler-exec.test.ts also reads this program's object file with
// objdump to check the sections; the volatile loads keep gcc from folding the
// tables away.
interface Pt {
  x: u32;
  y: u32;
}

const RO_TABLE: readonly u32[] = [11, 22, 33, 44];
const RO_NAMES: readonly CStr[] = ["a", "b"];
const RO_POINTS: readonly Pt[] = [
  { x: 1, y: 2 },
  { x: 3, y: 4 },
];
let rwCounter: u32 = 7;
const rwArray: Arr<u16, 4> = [1, 2, 3, 4];
const bssPages: Arr<u32, 1024> = zeroed({ align: 4096 });
const bssSpecial: Arr<u8, 64> = zeroed({ align: 64, section: ".bss.tsuki_special" });
let opaque: u32 = 0;

function unknown(): u32 {
  return volatileLoad32(addr(opaque));
}

export function main(): i32 {
  const i: u32 = unknown() & 3;
  print(RO_TABLE[i]);
  print(RO_NAMES[i & 1]);
  print(RO_POINTS[i & 1].y);
  rwCounter += unknown();
  print(rwCounter);
  rwArray[i] = 9;
  print(rwArray[unknown()]);
  bssPages[i] = 5;
  bssSpecial[i] = 6;
  print(bssPages[unknown()]);
  print(bssSpecial[unknown()]);
  print(addr(bssPages) % 4096);
  print(addr(bssSpecial) % 64);
  return 0;
}
