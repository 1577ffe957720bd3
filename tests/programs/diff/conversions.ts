// Every conversion function applied to a table of boundary values of every
// width, including bools.
const VALUES: readonly i64[] = [
  0n, 1n, -1n, 127n, 128n, -128n, -129n, 255n, 256n, 32767n, 32768n, -32768n, -32769n, 65535n, 65536n,
  2147483647n, 2147483648n, -2147483648n, -2147483649n, 4294967295n, 4294967296n,
  9223372036854775807n, -9223372036854775808n, 0x123456789abcdefn, -0x123456789abcdefn,
];

export function main(): i32 {
  for (let i: u32 = 0; i < VALUES.length; i++) {
    const v: i64 = VALUES[i];
    print(u8(v));
    print(i8(v));
    print(u16(v));
    print(i16(v));
    print(u32(v));
    print(i32(v));
    print(usize(v));
    print(u64(v));
    print(i64(u64(v)));
    // through a narrower number type and back
    const n: i32 = i32(v);
    print(u8(n));
    print(i16(n));
    print(u32(n));
    print(u64(n));
    print(i64(n));
    const m: u16 = u16(v);
    print(i8(m));
    print(i64(m));
    const t: bool = v > 0n;
    print(u8(t));
    print(i64(t));
  }
  return 0;
}
