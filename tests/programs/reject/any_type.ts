// error: 2:16 /\bany\b/
function id(x: any): u32 {
  return x;
}

export function main(): i32 {
  print(id(1));
  return 0;
}
