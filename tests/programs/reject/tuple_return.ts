// error: 3:34 /tuples are not in the subset: return a struct reference.*out-parameters/
// A function that returns two values.
function divmod(a: u32, b: u32): [u32, u32] {
  return [u32(a / b), a % b];
}
export function main(): i32 {
  print(divmod(7, 2)[0]);
  return 0;
}
