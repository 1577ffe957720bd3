export function f(): u32 {
  return 1;
}
