// error: 5:3 /delete/
const a: Arr<u32, 4> = zeroed();

export function main(): i32 {
  delete a[0];
  return 0;
}
