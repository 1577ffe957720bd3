// error: 6:26 /4294967296 does not fit u32/
// The bit-pattern reading of `& | ^` constants covers one width only: a
// constant that needs 33 bits fits neither u32 nor i32.
export function main(): i32 {
  let pde: u32 = 0x12345;
  let frame: u32 = pde & 0x100000000;
  print(frame);
  return 0;
}
