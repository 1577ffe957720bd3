// Names that are macros in the generated C: gcc -std=gnu11 predefines `i386`,
// `linux` and `unix` (as 1), and <stdint.h> defines INT32_MAX, UINT8_MAX,
// SIZE_MAX... A local, parameter or field with such a name must still compile
// (docs/compiler.md: C keywords and reserved spellings get a trailing `_`).
interface Machine {
  i386: u32;
  linux: u32;
  INT32_MAX: u32;
}

function describe(unix: u32, SIZE_MAX: u32): u32 {
  return unix + SIZE_MAX;
}

export function main(): i32 {
  let i386: u32 = 386;
  let linux: u32 = 1;
  const UINT8_MAX: u8 = 7;
  const m: Machine = { i386: 1, linux: 2, INT32_MAX: 3 };
  print(i386);
  print(linux);
  print(UINT8_MAX);
  print(describe(10, 20));
  print(m.i386 + m.linux + m.INT32_MAX);
  print(offsetOf<Machine>("INT32_MAX"));
  return 0;
}
