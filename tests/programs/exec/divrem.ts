// Division truncates toward zero; the remainder has the sign of the dividend.
// 8-32-bit quotients are written inside a conversion: i32(a / b).
function q(a: i32, b: i32): void {
  print(i32(a / b));
  print(a % b);
}

export function main(): i32 {
  q(7, 2);
  q(-7, 2);
  q(7, -2);
  q(-7, -2);
  q(6, 3);
  q(-2147483648, 2);
  q(2147483647, -1);
  let u: u32 = 4294967295;
  let d: u32 = 10;
  print(u32(u / d));
  print(u % d);
  let a: u8 = 200;
  let c: u8 = 7;
  print(u8(a / c));
  print(a % c);
  let s: i8 = -128;
  let m: i8 = -1;
  print(i32(s / m)); // promoted to i32: 128
  print(i8(s / m)); // wraps: -128
  let h: i16 = -1000;
  print(i16(h / 7));
  print(h % 7);
  let x: u64 = 18446744073709551615n;
  print(x / 3n);
  print(x % 1000n);
  let y: i64 = -9223372036854775807n;
  print(y / 10n);
  print(y % 10n);
  print(y / -10n);
  let t: u32 = 17;
  t %= 5;
  print(t);
  let r: i32 = -17;
  r %= 5;
  print(r);
  print(u32(100 / 7)); // untyped constants: exact quotient, then truncation
  print(i32(-100 / 7));
  return 0;
}
