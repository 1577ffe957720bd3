// exit: 2
// FNV-1a (32 and 64 bit) over byte tables; the 32-bit product is widened to
// u64 so that it is exact under JavaScript too.
const DATA: readonly u8[] = [0x54, 0x73, 0x75, 0x6b, 0x69, 0x00, 0xff, 0x80, 0x7f, 0x01];

function fnv32(n: u32): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i: u32 = 0; i < n; i++) {
    h = u32(h ^ DATA[i]);
    h = u32(u64(h) * 16777619n);
  }
  return h;
}

function fnv64(n: u32): u64 {
  let h: u64 = 0xcbf29ce484222325n;
  for (let i: u32 = 0; i < n; i++) {
    h = h ^ u64(DATA[i]);
    h = u64(h * 0x100000001b3n);
  }
  return h;
}

export function main(): i32 {
  for (let n: u32 = 0; n <= DATA.length; n++) {
    print(fnv32(n));
    print(fnv64(n));
  }
  return i32(fnv32(DATA.length) & 0x7f);
}
