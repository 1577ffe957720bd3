// error: 4:7 /typeof/
export function main(): i32 {
  let x: u32 = 1;
  if (typeof x === "number") print(x);
  return 0;
}
