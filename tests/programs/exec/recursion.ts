// Recursion, mutual recursion (functions may be used before their
// declaration), and deep-ish recursion on the host stack.
function fib(n: u32): u32 {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function isEven(n: u32): bool {
  return n === 0 ? true : isOdd(n - 1);
}
function isOdd(n: u32): bool {
  return n === 0 ? false : isEven(n - 1);
}

function ackermann(m: u32, n: u32): u32 {
  if (m === 0) return n + 1;
  if (n === 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

function gcd(a: u64, b: u64): u64 {
  return b === 0n ? a : gcd(b, a % b);
}

function depth(n: u32): u32 {
  if (n === 0) return 0;
  return depth(n - 1) + 1;
}

function fact(n: u64): u64 {
  return n <= 1n ? 1n : n * fact(n - 1n);
}

export function main(): i32 {
  print(fib(20));
  print(isEven(10));
  print(isOdd(7));
  print(isEven(7));
  print(ackermann(2, 3));
  print(ackermann(3, 3));
  print(gcd(1071n, 462n));
  print(gcd(12345678901234567890n, 9876543210n));
  print(depth(10000));
  print(fact(20n));
  return 0;
}
