// do/while runs its body before testing; continue jumps to the test.
export function main(): i32 {
  let n: u32 = 0;
  do {
    n++;
  } while (false);
  print(n);
  let i: u32 = 0;
  let odd: u32 = 0;
  do {
    i++;
    if (i % 2 === 0) continue;
    odd += i;
  } while (i < 10);
  print(i);
  print(odd);
  let digits: u32 = 0;
  let v: u32 = 0;
  do {
    digits++;
    v = u32(v / 10);
  } while (v !== 0);
  print(digits);
  v = 1234567;
  digits = 0;
  do {
    digits++;
    v = u32(v / 10);
  } while (v);
  print(digits);
  let j: u32 = 0;
  do {
    j++;
    if (j === 3) break;
  } while (true);
  print(j);
  return 0;
}
