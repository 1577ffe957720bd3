// Operands narrower than 32 bits are promoted to i32 before an operator, so
// u8 + u8 does not wrap at 256 and u8 - u8 can be negative.
export function main(): i32 {
  let a: u8 = 200;
  let b: u8 = 100;
  print(a + b);
  print(b - a);
  print(a * a);
  print(~a);
  print(-a);
  let c: i8 = -100;
  print(c * c);
  print(c - a);
  let d: u16 = 65535;
  print(d + d);
  print(d * d); // i32 product wraps: -131071
  let e: i16 = -32768;
  print(e * e); // 2^30 fits i32
  print(e - d);
  let x: u8 = 1;
  print(x << 31); // the promoted type is i32
  print(x << 8);
  let y: u8 = 0x80;
  print(y >> 7);
  let sum: i32 = a + b; // the result type is i32, no conversion needed
  print(sum);
  let g: bool = a + b > 255;
  print(g);
  return 0;
}
