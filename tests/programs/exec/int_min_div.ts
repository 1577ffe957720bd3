// exit: SIGFPE
// i32(-2147483648 / -1) traps like a division by zero (docs/subset.md).
function quotient(a: i32, b: i32): i32 {
  return i32(a / b);
}

export function main(): i32 {
  print(quotient(-2147483647, -1));
  print(quotient(-2147483648, -1));
  return 0;
}
