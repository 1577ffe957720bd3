// u64 (a bigint in TypeScript, uint64_t in C) wraps modulo 2^64.
export function main(): i32 {
  let a: u64 = 0xffffffffffffffffn;
  print(a);
  a += 1n;
  print(a);
  a -= 1n;
  print(a);
  let b: u64 = 0x100000000n;
  print(b * b); // 2^64 wraps to 0
  print(b * 0xffffffffn);
  let c: u64 = 1n;
  for (let i: u32 = 1; i <= 20; i++) c *= u64(i);
  print(c); // 20!
  c *= 21n;
  print(c); // 21! mod 2^64
  let d: u64 = 12345678901234567890n;
  print(d / 1000000007n);
  print(d % 1000000007n);
  print(-d);
  print(~d);
  let e: u32 = 0xffffffff;
  let f: u64 = u64(e);
  print(f + f);
  print(u64(e) * u64(e));
  return 0;
}
