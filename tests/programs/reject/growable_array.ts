// error: 4:12 /arrays do not grow.*Arr<u32, 16> = zeroed\(\)/
// A JavaScript array that grows has no meaning in the subset.
export function main(): i32 {
  let buf: u32[] = [];
  print(0);
  return 0;
}
