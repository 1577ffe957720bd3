// error: 4:9 /string/i
export function main(): i32 {
  const name: CStr = "tsuki";
  print(name + "!");
  return 0;
}
