// error: 4:9 /template/i
export function main(): i32 {
  let n: u32 = 3;
  print(`n = ${n}`);
  return 0;
}
