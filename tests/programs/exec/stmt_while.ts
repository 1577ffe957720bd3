// while loops, break and continue, loops that never run.
export function main(): i32 {
  let i: u32 = 0;
  let sum: u32 = 0;
  while (i < 10) {
    i++;
    if (i % 3 === 0) continue;
    if (i > 8) break;
    sum += i;
  }
  print(i);
  print(sum); // 1+2+4+5+7+8
  let never: u32 = 0;
  while (false) never++;
  print(never);
  let n: u32 = 27;
  let steps: u32 = 0;
  while (n !== 1) {
    if (n % 2 === 0) n = u32(n / 2);
    else n = 3 * n + 1;
    steps++;
  }
  print(steps); // Collatz 27
  let k: i32 = 100;
  while (true) {
    k -= 7;
    if (k < 0) break;
  }
  print(k);
  return 0;
}
