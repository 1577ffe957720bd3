// print() of every integer type at its extremes, bools and strings; write()
// with no newline.
export function main(): i32 {
  let a: u8 = 255;
  let b: i8 = -128;
  let c: u16 = 65535;
  let d: i16 = -32768;
  let e: u32 = 4294967295;
  let f: i32 = -2147483648;
  let g: u64 = 18446744073709551615n;
  let h: i64 = -9223372036854775808n;
  let i: usize = 0;
  print(a);
  print(b);
  print(c);
  print(d);
  print(e);
  print(f);
  print(g);
  print(h);
  print(i);
  print(true);
  print(false);
  print("text");
  write("a");
  write("b");
  write("\n");
  print(0);
  print(-0);
  print(1000000007);
  let z: i64 = 0n;
  print(z);
  return 0;
}
