// error: 6:15 /the constant 510 does not fit u8/
// A typed constant expression converts to a type only when its value fits.
const A: u8 = 0xff;
const B: u8 = 0xff;
export function main(): i32 {
  let x: u8 = A + B;
  print(x);
  return 0;
}
