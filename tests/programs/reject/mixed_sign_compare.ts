// error: 5:7 /signed|convert/i
export function main(): i32 {
  let a: i32 = -1;
  let b: u32 = 0xffffffff;
  if (a < b) print("less");
  return 0;
}
