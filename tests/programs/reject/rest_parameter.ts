// error: 2:14 /rest/i
function sum(...xs: u32[]): u32 {
  return 0;
}

export function main(): i32 {
  print(sum(1, 2, 3));
  return 0;
}
