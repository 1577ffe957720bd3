// exit: SIGFPE
// `x %= m` means `x = x % m`. With x = -2147483648 and m = -1 the compiled
// `x % m` traps (the idiv instruction, tsk_rem_i32), so `x %= m` must trap
// too; now it is C's own `%=` and prints 0.
export function main(): i32 {
  let x: i32 = -2147483647 - 1;
  let m: i32 = -1;
  write("before\n");
  x %= m;
  print(x);
  return 0;
}
