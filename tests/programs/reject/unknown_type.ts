// error: 2:16 /unknown/
function id(x: unknown): u32 {
  return x as u32;
}

export function main(): i32 {
  print(id(1));
  return 0;
}
