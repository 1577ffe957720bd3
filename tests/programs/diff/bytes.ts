// Byte buffers: packing and unpacking little- and big-endian integers with
// explicit wrapping, a run-length encoder, checksums.
const buf: Arr<u8, 64> = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

function put32le(at: u32, v: u32): void {
  for (let i: u32 = 0; i < 4; i++) buf[at + i] = u8(v >>> (8 * i));
}
function get32le(at: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < 4; i++) v = u32(v | (buf[at + i] << (8 * i)));
  return v;
}
function put64be(at: u32, v: u64): void {
  for (let i: u32 = 0; i < 8; i++) buf[at + i] = u8(v >> u64(56 - 8 * i));
}
function get64be(at: u32): u64 {
  let v: u64 = 0n;
  for (let i: u32 = 0; i < 8; i++) v = (v << 8n) | u64(buf[at + i]);
  return v;
}

function rle(n: u32): u32 {
  let runs: u32 = 0;
  let i: u32 = 0;
  while (i < n) {
    let j: u32 = i;
    while (j < n && buf[j] === buf[i]) j++;
    runs++;
    i = j;
  }
  return runs;
}

function adler32(n: u32): u32 {
  let a: u32 = 1;
  let b: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    a = (a + buf[i]) % 65521;
    b = (b + a) % 65521;
  }
  return u32(b * 65536 + a);
}

export function main(): i32 {
  put32le(0, 0xdeadbeef);
  put32le(4, 0x01020304);
  print(get32le(0));
  print(get32le(2));
  print(buf[0]);
  print(buf[7]);
  put64be(8, 0x0123456789abcdefn);
  print(get64be(8));
  print(get64be(4));
  let sum: u8 = 0;
  for (let i: u32 = 0; i < 16; i++) sum = u8(sum + buf[i]);
  print(sum);
  let x: u8 = 0;
  for (let i: u32 = 0; i < 16; i++) x ^= buf[i];
  print(x);
  for (let i: u32 = 16; i < 64; i++) buf[i] = u8(i / 5);
  print(rle(64));
  print(adler32(64));
  let signedSum: i32 = 0;
  for (let i: u32 = 0; i < 16; i++) signedSum += i8(buf[i]);
  print(signedSum);
  return 0;
}
