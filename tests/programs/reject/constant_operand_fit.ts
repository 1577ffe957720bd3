// error: 6:26 /fit|-4096/i
// An untyped constant takes the other operand's type and must fit it: ~0xfff
// is -4096, which u32 cannot hold (write ~u32(0xfff) or 0xfffff000).
export function main(): i32 {
  let pde: u32 = 0x12345;
  let frame: u32 = pde & ~0xfff;
  print(frame);
  return 0;
}
