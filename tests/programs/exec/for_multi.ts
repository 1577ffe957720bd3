// Several declarations in one `let`, and in a for loop's initializer.
export function main(): i32 {
  let a: u32 = 1, b: i8 = -2;
  print(a);
  print(b);
  let n: u32 = 0;
  for (let i: u32 = 0, j: u32 = 10; i < j; i++) {
    j--;
    n++;
  }
  print(n);
  return 0;
}
