// error: 5:1 /(merg|twice|more than once|one interface)/i
// TypeScript merges the two declarations into one interface with fields a and
// b; the compiler now makes two C structs with the same name (a gcc error).
interface S { a: u32; }
interface S { b: u32; }

export function main(): i32 {
  const s: S = zeroed();
  print(s.a);
  return 0;
}
