// exit: SIGFPE
// `x %= d` by a zero divisor held in a variable must trap with the divide
// instruction like `x % d` does (docs/subset.md: "a divisor the compiler cannot
// see is divided by the div/idiv instruction itself, never optimised away").
// Now `%=` is emitted as C's own `%=`, gcc sees the zero and emits ud2
// (SIGILL on the host, #UD instead of #DE in the kernel).
export function main(): i32 {
  let d: u32 = 0;
  let x: u32 = 5;
  write("before\n");
  x %= d;
  print(x);
  return 0;
}
