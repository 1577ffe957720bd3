// error: 5:9 /signed|convert/i
export function main(): i32 {
  let a: i64 = -1n;
  let b: u64 = 1n;
  print(a === b);
  return 0;
}
