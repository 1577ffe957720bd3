// error: 4:9 no 32-bit integer type holds both -1 and 4294967295
export function main(): i32 {
  const c: bool = true;
  print(c ? -1 : 0xffffffff);
  return 0;
}
