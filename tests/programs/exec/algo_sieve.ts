// Sieve of Eratosthenes in a zeroed Arr<bool, N>.
const N = 1000;
const composite: Arr<bool, 1000> = zeroed();

export function main(): i32 {
  let count: u32 = 0;
  let last: u32 = 0;
  for (let i: u32 = 2; i < N; i++) {
    if (composite[i]) continue;
    count++;
    last = i;
    for (let j: u32 = i * i; j < N; j += i) composite[j] = true;
  }
  print(count);
  print(last);
  return 0;
}
