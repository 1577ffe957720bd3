// ++ and --, prefix and postfix, as statements and as values, on variables,
// fields and array elements, wrapping in their type.
interface C {
  n: u8;
  big: u64;
}

export function main(): i32 {
  let a: u8 = 254;
  print(a++);
  print(a);
  print(++a);
  print(a--);
  print(--a);
  let b: i8 = -128;
  b--;
  print(b);
  let c: i64 = 0n;
  c--;
  print(c);
  print(c++);
  print(c);
  let d: u64 = 0n;
  d--;
  print(d);
  const s: C = zeroed();
  s.n--;
  print(s.n);
  print(++s.n);
  s.big--;
  print(s.big);
  const arr: Arr<i16, 3> = [32767, 0, -32768];
  arr[0]++;
  arr[2]--;
  print(arr[0]);
  print(arr[2]);
  let i: u32 = 0;
  arr[i++] = 5;
  print(i);
  print(arr[0]);
  let j: u32 = 10;
  let k: u32 = j++ + j++; // left to right: 10 + 11
  print(k);
  print(j);
  return 0;
}
