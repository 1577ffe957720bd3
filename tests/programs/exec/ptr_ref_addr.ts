// ref/ptr/addr: a struct at an address, typed memory at an address, and the
// address of references, arrays, elements and fields.
interface Header {
  magic: u32;
  count: u16;
  flags: u16;
  items: Arr<u32, 4>;
}

const buffer: Arr<u32, 16> = zeroed();

export function main(): i32 {
  const base: usize = addr(buffer);
  const h: Header = ref<Header>(base);
  h.magic = 0xcafebabe;
  h.count = 3;
  h.flags = 0x8001;
  h.items[2] = 77;
  print(buffer[0]);
  print(buffer[1]); // count | flags << 16
  print(buffer[4]); // items[2] is at byte 16
  print(addr(h) === base);
  print(addr(h.items) - base);
  print(addr(h.items[3]) - base);
  print(addr(h.flags) - base);
  print(addr(buffer[5]) - base);
  const p: Ptr<u32> = ptr<u32>(base);
  p[6] = 123;
  print(buffer[6]);
  print(p[4]);
  const again: Header = ref<Header>(addr(h));
  print(again === h);
  print(again.items[2]);
  const words: Ptr<u16> = ptr<u16>(base + 4);
  print(words[0]);
  print(words[1]);
  const signedBytes: Ptr<i8> = ptr<i8>(base);
  print(signedBytes[3]); // 0xca as i8
  signedBytes[3] = -1;
  print(buffer[0]);
  const wide: Ptr<u64> = ptr<u64>(base);
  print(wide[0]);
  const later: Header = ref<Header>(base + sizeOf<Header>());
  later.magic = 1;
  print(buffer[6]);
  return 0;
}
