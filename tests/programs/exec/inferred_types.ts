// Declarations without a type annotation take the type of their initializer
// when it is known: a conversion, a call, a variable, an element, a field, a
// comparison, an enum member; arithmetic on them keeps their width.
const enum Level {
  Low = 1,
  High = 200,
}

interface Rec {
  small: i8;
  wide: u64;
}

const table: Arr<u16, 3> = [65535, 2, 3];
const rec: Rec = { small: -128, wide: 0xffffffffffffffffn };

function makeI16(): i16 {
  return -32768;
}

export function main(): i32 {
  let a = u8(250);
  a += 10; // wraps as u8
  print(a);
  let b = a + a; // u8 + u8 is an i32
  b -= 100;
  print(b);
  let c = u64(1);
  c -= 2n;
  print(c);
  let d = makeI16();
  d--;
  print(d);
  let e = table[0];
  e++;
  print(e);
  let f = rec.small;
  f--;
  print(f);
  let g = rec.wide;
  g++;
  print(g);
  let h = a < 5;
  print(h);
  let k = Level.High;
  print(k);
  const n = table.length;
  print(n);
  let m = i8(-1);
  m >>>= 1; // the logical shift result wrapped back into i8
  print(m);
  return 0;
}
