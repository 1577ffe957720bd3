// error: 7:26 /-4096 does not fit u32/
// An untyped constant takes the other operand's type and must fit it. Only
// `& | ^` read a negative constant as its bit pattern (pde & ~0xfff is fine);
// `+` would give a negative number in JavaScript where C wraps.
export function main(): i32 {
  let pde: u32 = 0x12345;
  let frame: u32 = pde + ~0xfff;
  print(frame);
  return 0;
}
