// error: 3:9 /Cannot find name/
export function main(): i32 {
  print(missing);
  return 0;
}
