// zeroed() storage and object literals inside a loop body start afresh on
// every iteration; references to them stay valid until the function returns.
interface Acc {
  n: u32;
}

export function main(): i32 {
  let sum: u32 = 0;
  for (let i: u32 = 0; i < 3; i++) {
    const a: Acc = zeroed();
    const buf: Arr<u8, 4> = zeroed();
    sum += a.n + buf[3];
    a.n = 100;
    buf[3] = 9;
    sum += a.n + buf[3];
  }
  print(sum);
  let k: u32 = 0;
  while (k < 2) {
    const lit: Acc = { n: 5 };
    print(lit.n);
    lit.n = 0;
    k++;
  }
  return 0;
}
