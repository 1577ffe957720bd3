// exit: SIGFPE
// Division by zero traps (SIGFPE on the host, #DE in the kernel); what the
// program printed before the trap still reaches stdout.
function divide(a: u32, b: u32): u32 {
  return u32(a / b);
}

export function main(): i32 {
  print(divide(10, 3));
  write("before the trap\n");
  let zero: u32 = 0;
  print(divide(1, zero));
  print("not reached");
  return 0;
}
