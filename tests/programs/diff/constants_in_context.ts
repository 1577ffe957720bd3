// Untyped constants in typed operations mean what JavaScript computes
// (issue 12, bugs 7-9 and the mask idiom):
// - the left operand of >>> is read as unsigned 32 bits, of << and >> as
//   signed 32 bits, whatever the context;
// - `c ? a : b` with two constants has a type that holds both;
// - an untyped operand of & | ^ that does not fit the other operand's type
//   stands for its bit pattern (va & ~(PAGE_SIZE - 1)).
const PAGE_SIZE = 4096;

function pageOf(va: u32): u32 {
  return u32(va & ~(PAGE_SIZE - 1));
}

export function main(): i32 {
  let n: u32 = 4;
  const c: bool = n > 3;
  print(u32(-1 >>> n));
  print(u32(~0 >>> n));
  print(-1 >>> n);
  print(c ? 1 : 0xffffffff);
  print(!c ? 1 : 0xffffffff);
  let s: u32 = 31;
  const k: i32 = 1 << s;
  print(k);
  print(1 << s);
  print(u32(1 << s));
  print(0x80000000 >> n);
  print(pageOf(0x12345678));
  print(pageOf(0xfffff001));
  let m: i32 = 0x1234;
  print(m & 0xffffffff);
  print(i32(m | 0x80000000));
  let v: u32 = 0xdeadbeef;
  v = u32(v & ~0xff);
  print(v);
  v = u32(v ^ ~0);
  print(v);
  let w: u8 = 0xf5;
  print(u8(w & ~0x0f));
  return 0;
}
