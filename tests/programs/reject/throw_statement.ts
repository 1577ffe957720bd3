// error: 3:16 /throw|exception/i
function check(x: u32): u32 {
  if (x === 0) throw 1;
  return x;
}

export function main(): i32 {
  print(check(1));
  return 0;
}
