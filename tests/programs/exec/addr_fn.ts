// addr(f) is the address of a function (for an IDT gate): non-zero, stable,
// different for different functions, and callable again as a reference.
function a(): u32 {
  return 1;
}
function b(): u32 {
  return 2;
}

type F = () => u32;

export function main(): i32 {
  const pa: usize = addr(a);
  const pb: usize = addr(b);
  print(pa !== 0);
  print(pa === addr(a));
  print(pa !== pb);
  print(addr(b) === pb);
  const f: F = a;
  print(f());
  const low: u16 = u16(pa);
  const high: u16 = u16(pa >>> 16);
  print((u32(high) << 16 | low) === pa);
  return 0;
}
