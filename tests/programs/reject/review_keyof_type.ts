// error: 6:24 /keyof/i
// `keyof S` is outside the subset; the message must be about keyof (e.g. "use
// a const enum of field ids"). Now it says "an unsized array type is only
// allowed for a module-level table".
interface S { a: u32; b: u32; }
function pick(s: S, k: keyof S): u32 {
  return s.a;
}

export function main(): i32 {
  const s: S = { a: 1, b: 2 };
  print(pick(s, "a"));
  return 0;
}
