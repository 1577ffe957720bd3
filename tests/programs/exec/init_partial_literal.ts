// Fields missing from an object literal are zero (docs/subset.md, "Storage");
// TypeScript wants `as S` for an incomplete literal.
interface Rec {
  a: u32;
  b: u16;
  c: i64;
  d: Arr<u8, 3>;
}

const r: Rec = { b: 7 } as Rec;

export function main(): i32 {
  print(r.a);
  print(r.b);
  print(r.c);
  print(r.d[2]);
  const l: Rec = { c: -1n } as Rec;
  print(l.a);
  print(l.c);
  return 0;
}
