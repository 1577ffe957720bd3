// exit: SIGFPE
// The 64-bit remainder by zero traps too when its result is unused.
let z: u64 = 0n;
export function main(): i32 {
  let a: u64 = 5n;
  let r: u64 = a % z;
  print(7);
  return 0;
}
