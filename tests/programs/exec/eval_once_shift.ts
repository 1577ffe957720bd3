// Shift and other compound assignments whose target has a side effect: the
// target is evaluated once (docs/subset.md lists no restriction on them).
const arr: Arr<u32, 4> = [1, 2, 3, 4];
const wide: Arr<u64, 2> = [1n, 2n];
let calls: u32 = 0;

function next(): u32 {
  calls++;
  return calls - 1;
}

export function main(): i32 {
  arr[next()] <<= 4;
  arr[next()] >>>= 1;
  arr[next()] *= 5;
  arr[next()] %= 3;
  print(calls);
  print(arr[0]);
  print(arr[1]);
  print(arr[2]);
  print(arr[3]);
  calls = 0;
  wide[next()] <<= 40n;
  wide[next()] >>= 1n;
  print(calls);
  print(wide[0]);
  print(wide[1]);
  return 0;
}
