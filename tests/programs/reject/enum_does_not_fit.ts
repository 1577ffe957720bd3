// error: 7:10 /cannot use Pte as u8: the conversion can lose information/
// An enum converts implicitly only to a type that holds every member: Global
// (0x100) does not fit u8.
const enum Pte { Present = 1, Writable = 2, Global = 0x100 }

function low(p: Pte): u8 {
  return p;
}

export function main(): i32 {
  print(low(Pte.Present));
  return 0;
}
