// i8 wraps into -128..127 (two's complement), signed types too.
export function main(): i32 {
  let a: i8 = 127;
  a++;
  print(a);
  a--;
  print(a);
  a = -128;
  a -= 1;
  print(a);
  let b: i8 = 100;
  b += 100;
  print(b);
  b = -100;
  b *= 3;
  print(b);
  let c: i8 = -128;
  print(-c); // promoted to i32: 128
  print(i8(-c)); // wraps back to -128
  print(i8(200));
  print(i8(0x7f + 1));
  let d: i8 = -1;
  print(d);
  d <<= 7;
  print(d);
  d >>= 3;
  print(d); // arithmetic shift keeps the sign
  return 0;
}
