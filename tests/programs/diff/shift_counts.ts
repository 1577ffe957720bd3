// Shift counts outside 0..31 (taken modulo 32 for 8-32-bit values) and 64-bit
// shifts by 64 or more (0, or -1 for >> of a negative i64), which JavaScript
// and the compiled program must agree on.
const COUNTS: readonly u32[] = [0, 1, 31, 32, 33, 63, 64, 100, 255];
const WIDE: readonly u64[] = [0n, 1n, 63n, 64n, 65n, 127n, 200n];

export function main(): i32 {
  const x: u32 = 0x80000001;
  const y: i32 = -12345;
  const z: u8 = 0xa5;
  for (let i: u32 = 0; i < COUNTS.length; i++) {
    const c: u32 = COUNTS[i];
    print(u32(x << c));
    print(x >>> c);
    print(y >> c);
    print(y << c);
    print(y >>> c);
    print(z << c);
    print(z >> c);
  }
  const a: u64 = 0x8000000000000001n;
  const b: i64 = -0x123456789n;
  for (let i: u32 = 0; i < WIDE.length; i++) {
    const c: u64 = WIDE[i];
    print(u64(a << c));
    print(a >> c);
    print(i64(b << c));
    print(b >> c);
  }
  return 0;
}
