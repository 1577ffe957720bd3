// error: 6:10 /constant/i
export function main(): i32 {
  let x: u32 = 1;
  let y: u32 = 1;
  switch (x) {
    case y:
      print(1);
      break;
  }
  return 0;
}
