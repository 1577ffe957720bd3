// Pseudo-random generators: an LCG in u32 (through u64), xorshift32,
// xorshift64 and splitmix64, each printed for a few steps.
let lcgState: u32 = 12345;
function lcg(): u32 {
  lcgState = u32(u64(lcgState) * 1103515245n + 12345n);
  return lcgState >>> 16;
}

let xs32: u32 = 2463534242;
function xorshift32(): u32 {
  xs32 = u32(xs32 ^ (xs32 << 13));
  xs32 = u32(xs32 ^ (xs32 >>> 17));
  xs32 = u32(xs32 ^ (xs32 << 5));
  return xs32;
}

let xs64: u64 = 88172645463325252n;
function xorshift64(): u64 {
  xs64 = u64(xs64 ^ (xs64 << 13n));
  xs64 = xs64 ^ (xs64 >> 7n);
  xs64 = u64(xs64 ^ (xs64 << 17n));
  return xs64;
}

let sm: u64 = 0n;
function splitmix64(): u64 {
  sm = u64(sm + 0x9e3779b97f4a7c15n);
  let z: u64 = sm;
  z = u64((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
  z = u64((z ^ (z >> 27n)) * 0x94d049bb133111ebn);
  return z ^ (z >> 31n);
}

export function main(): i32 {
  for (let i: u32 = 0; i < 8; i++) {
    print(lcg());
    print(xorshift32());
    print(xorshift64());
    print(splitmix64());
    print(i32(xorshift32()));
    print(i8(xorshift64()));
  }
  return 0;
}
