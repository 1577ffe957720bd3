// exit: 255
// main returns -1: the process sees its low 8 bits.
export function main(): i32 {
  let r: i32 = 0;
  r -= 1;
  return r;
}
