// Truth tables of ! && || === !== over bools, integer and mixed conditions,
// short-circuit evaluation counted with side effects.
let evals: u32 = 0;
function t(v: bool): bool {
  evals++;
  return v;
}

export function main(): i32 {
  for (let i: u32 = 0; i < 4; i++) {
    const a: bool = (i & 1) !== 0;
    const b: bool = (i & 2) !== 0;
    print(a && b);
    print(a || b);
    print(!a);
    print(a === b);
    print(a !== b);
    print(t(a) && t(b));
    print(t(a) || t(b));
    print(evals);
    print(u32(a) + u32(b) * 2);
  }
  const vals: readonly i32[] = [0, 1, -1, 2147483647];
  for (let i: u32 = 0; i < vals.length; i++) {
    const v: i32 = vals[i];
    let r: u32 = 0;
    if (v) r |= 1;
    if (!v) r |= 2;
    if (v && v > 0) r |= 4;
    if (v || i) r |= 8;
    const big: i64 = i64(v);
    if (big) r |= 16;
    while (r > 100) r = 0;
    print(r);
    const pick: u32 = v ? 10 : 20;
    print(pick);
  }
  return 0;
}
