// i64 wraps into -2^63..2^63-1; division truncates toward zero.
export function main(): i32 {
  let a: i64 = 9223372036854775807n;
  print(a);
  a += 1n;
  print(a);
  a -= 1n;
  print(a);
  let b: i64 = -9223372036854775808n;
  print(b);
  print(-b);
  let c: i64 = -7n;
  print(c / 2n);
  print(c % 2n);
  print(7n / c);
  print(c * c * c);
  let d: i64 = 3037000500n;
  print(d * d); // just over 2^63: wraps negative
  let e: i32 = -5;
  let f: i64 = i64(e); // sign extension
  print(f);
  print(f * 1000000000000n);
  print(i64(0xffffffffffffffffn));
  print(i64(u64(e)));
  return 0;
}
