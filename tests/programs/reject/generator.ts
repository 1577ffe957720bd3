// error: 2:1 /generator/i
function* count(): Generator<u32> {
  yield 1;
}

export function main(): i32 {
  return 0;
}
