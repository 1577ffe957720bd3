// Bit manipulation: population count, bit reversal, rotations, byte swaps,
// find-first-set, a CRC-32 over a byte table.
const DATA: readonly u8[] = [0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39];

function popcount(x: u32): u32 {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return (x * 0x01010101) >>> 24;
}

function reverse(x: u32): u32 {
  let r: u32 = 0;
  for (let i: u32 = 0; i < 32; i++) {
    r = (r << 1) | (x & 1);
    x >>>= 1;
  }
  return r;
}

function rotl(x: u32, n: u32): u32 {
  return (x << n) | (x >>> (32 - n));
}

function bswap(x: u32): u32 {
  return (x >>> 24) | ((x >>> 8) & 0xff00) | ((x << 8) & 0xff0000) | (x << 24);
}

function ffs(x: u32): i32 {
  if (x === 0) return -1;
  let i: i32 = 0;
  while ((x & 1) === 0) {
    x >>>= 1;
    i++;
  }
  return i;
}

function crc32(): u32 {
  let crc: u32 = 0xffffffff;
  for (let i: u32 = 0; i < DATA.length; i++) {
    crc ^= DATA[i];
    for (let k: u32 = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc;
}

function popcount64(x: u64): u32 {
  let n: u32 = 0;
  while (x !== 0n) {
    x &= x - 1n;
    n++;
  }
  return n;
}

export function main(): i32 {
  print(popcount(0));
  print(popcount(0xffffffff));
  print(popcount(0x12345678));
  print(reverse(1));
  print(reverse(0x12345678));
  print(rotl(0x80000001, 4));
  print(bswap(0x12345678));
  print(ffs(0x80));
  print(ffs(0));
  print(crc32());
  print(popcount64(0xffffffffffffffffn));
  print(popcount64(0x8000000000000001n));
  return 0;
}
