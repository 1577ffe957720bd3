// error: 4:16 /-3 is outside S, whose members fit u8/
const enum S { Idle = 0, Run = 1, Dead = 200 }
export function main(): i32 {
  const s: S = (-3) as S;
  print(s === S.Idle);
  return 0;
}
