// A 64-bit shift by a negative i64 count: JavaScript's bigint `x << -1n` is
// `x >> 1n` (and `x >> -1n` is `x << 1n`); the results are wrapped
// explicitly, so the compiled program must agree with Node. Now the count is
// converted to u64 (a huge count) and every shift gives 0.
export function main(): i32 {
  const x: u64 = 0x100n;
  const y: i64 = -0x100n;
  const counts: readonly i64[] = [-1n, -4n, -63n, 3n];
  for (let i: u32 = 0; i < counts.length; i++) {
    const n: i64 = counts[i];
    print(u64(x << n));
    print(u64(x >> n));
    print(i64(y << n));
    print(i64(y >> n));
  }
  return 0;
}
