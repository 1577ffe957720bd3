// error: 4:7 /string|method|toUpperCase/i
export function main(): i32 {
  let s: CStr = "a";
  s = s.toUpperCase();
  print(s);
  return 0;
}
