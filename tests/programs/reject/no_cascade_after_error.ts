// error: 5:17 /does not fit u8/i
// A declaration that fails is reported once: its later uses add no
// "used before its declaration" noise (the test checks the only error).
export function main(): i32 {
  const a: u8 = 300;
  print(a);
  print(a + 1);
  return 0;
}
