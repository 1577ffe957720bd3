// i16 wraps into -32768..32767.
export function main(): i32 {
  let a: i16 = 32767;
  a++;
  print(a);
  a = -32768;
  a--;
  print(a);
  let b: i16 = 300;
  b *= 300; // 90000 -> 24464
  print(b);
  b = 200;
  b *= 200; // 40000 -> -25536
  print(b);
  print(i16(0xffff));
  print(i16(65536 + 5));
  let c: i16 = -2;
  print(c * 20000); // promoted: i32 -40000
  print(i16(c * 20000)); // -40000 + 65536
  return 0;
}
