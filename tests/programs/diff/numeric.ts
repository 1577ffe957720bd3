// Number theory in 64 bits: gcd/lcm, modular exponentiation with a 32-bit
// modulus, integer square roots by bisection, primality by trial division.
function gcd(a: u64, b: u64): u64 {
  while (b !== 0n) {
    const t: u64 = a % b;
    a = b;
    b = t;
  }
  return a;
}

function powmod(base: u64, exp: u64, m: u64): u64 {
  let r: u64 = 1n;
  base %= m;
  while (exp > 0n) {
    if ((exp & 1n) === 1n) r = (r * base) % m;
    base = (base * base) % m;
    exp >>= 1n;
  }
  return r;
}

function isqrt(n: u64): u64 {
  let lo: u64 = 0n;
  let hi: u64 = 4294967296n;
  while (hi - lo > 1n) {
    const mid: u64 = (lo + hi) >> 1n;
    if (mid * mid <= n) lo = mid;
    else hi = mid;
  }
  return lo;
}

function isPrime(n: u32): bool {
  if (n < 2) return false;
  for (let d: u32 = 2; u64(d) * u64(d) <= u64(n); d++) if (n % d === 0) return false;
  return true;
}

export function main(): i32 {
  print(gcd(1071n, 462n));
  print(gcd(0xffffffffffffffffn, 0xffffffffn));
  const a: u64 = 123456789012n;
  const b: u64 = 98765432n;
  print((a / gcd(a, b)) * b);
  print(powmod(2n, 1000000n, 1000000007n));
  print(powmod(3n, 0xffffffffn, 4294967291n));
  print(isqrt(0n));
  print(isqrt(99n));
  print(isqrt(18446744073709551615n));
  print(isqrt(1000000000000n));
  let count: u32 = 0;
  let last: u32 = 0;
  for (let n: u32 = 4294967000; n !== 0 && n < 4294967295; n++) {
    if (isPrime(n)) {
      count++;
      last = n;
    }
  }
  print(count);
  print(last);
  return 0;
}
