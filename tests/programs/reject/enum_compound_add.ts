// error: 6:3 /`\+=` on an enum variable: only \|=, &= and \^= with a S keep it a S/
const enum S { Idle = 0, Run = 1, Dead = 200 }
function take(x: u8): u32 { return u32(x); }
export function main(): i32 {
  let s: S = S.Dead;
  s += 100;
  print(take(s));
  return 0;
}
