// error: 2:1 /class/i
class Counter {
  n: u32 = 0;
}

export function main(): i32 {
  return 0;
}
