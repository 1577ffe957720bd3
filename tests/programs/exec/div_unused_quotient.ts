// exit: SIGFPE
// A quotient nobody reads is still computed, so dividing by zero traps
// (issue 12, bug 6): gcc must not delete the divide instruction.
let z: u32 = 0;
export function main(): i32 {
  let a: u32 = 5;
  let q: u32 = u32(a / z);
  print(7);
  return 0;
}
