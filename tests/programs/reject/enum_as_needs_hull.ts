// error: 7:10 /`as S` takes a u8 \(the type that holds S's members\): write u8\(x\) as S/
// An enum's values stay within the type of its members, so that it converts
// where they fit: `x as E` takes a value of that type. (A u32 300 would
// become 44 in a u8 while JavaScript keeps 300.)
const enum S { Idle = 0, Run = 1, Dead = 200 }
function toS(k: u32): S {
  return k as S;
}
export function main(): i32 {
  print(toS(300) === S.Dead);
  return 0;
}
