// i32 overflow wraps (two's complement), it is never undefined behaviour.
export function main(): i32 {
  let a: i32 = 2147483647;
  a++;
  print(a);
  a--;
  print(a);
  let b: i32 = -2147483648;
  print(-b); // -INT_MIN wraps to INT_MIN
  print(b - 1);
  let c: i32 = 65536;
  print(c * c);
  print(c * 32768);
  let d: i32 = 123456789;
  print(d * 100);
  d *= -1000;
  print(d);
  let e: i32 = -7;
  print(~e);
  print(e * e * e);
  let f: i32 = 1;
  for (let i: i32 = 0; i < 31; i++) f *= 2;
  print(f);
  f += f;
  print(f);
  return 0;
}
