// bool values, !, && and ||, short-circuit evaluation, and conditions that
// take an integer (true when not 0) or a reference (true when not null).
interface Box {
  v: u32;
}

let calls: u32 = 0;
function touch(result: bool): bool {
  calls++;
  return result;
}

function firstNonZero(a: u32, b: u32): u32 {
  if (a) return a;
  if (b) return b;
  return 0;
}

export function main(): i32 {
  let one: u32 = 1;
  let t: bool = one === 1; // not the literal: TypeScript would narrow it
  let f: bool = !t;
  print(t);
  print(f);
  print(t && f);
  print(t || f);
  print(!(t && f));
  print(t !== f);
  // short-circuit: the right side is not evaluated
  let r: bool = f && touch(true);
  print(r);
  print(calls);
  r = t || touch(false);
  print(r);
  print(calls);
  r = t && touch(false);
  print(r);
  print(calls);
  print(firstNonZero(0, 7));
  print(firstNonZero(3, 7));
  let n: u32 = 5;
  let count: u32 = 0;
  while (n) {
    n--;
    count++;
  }
  print(count);
  const box: Box = zeroed();
  let p: Box | null = null;
  let seen: u32 = p ? 1 : 0;
  print(seen);
  p = box;
  seen = p ? 1 : 0;
  print(seen);
  if (p && p.v === 0) print("box is empty");
  let x: i8 = -1;
  print(x ? true : false);
  print(!x);
  let big: u64 = 0x100000000n;
  if (big) print("64-bit condition");
  print(u32(t) + u32(t) + u32(f));
  let both: bool = n === 0 && count === 5;
  print(both);
  return 0;
}
