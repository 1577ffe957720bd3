// error: 6:15 /cannot use u32 as u8: the conversion can lose information/
// A typed constant converts implicitly only when its value is JavaScript's
// too: A + 2 wraps to 1 in u32, but JavaScript computes 4294967297.
const A: u32 = 0xffffffff;
export function main(): i32 {
  let x: u8 = A + 2;
  print(x);
  return 0;
}
