// error: 3:7 /type|width/i
export function main(): i32 {
  let i = 0;
  print(i);
  return 0;
}
