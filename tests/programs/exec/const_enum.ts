// const enums: implicit and explicit values, an enum converts implicitly to
// its underlying type, an integer becomes an enum with `as`, enums in switch,
// an enum that needs u32, enums as struct fields and parameters.
const enum Color {
  Red,
  Green,
  Blue = 10,
  Cyan,
}

const enum Flags {
  Present = 1 << 0,
  Write = 1 << 1,
  User = 1 << 2,
  Big = 0x80000000,
}

const enum Signed {
  Neg = -5,
  Zero = 0,
}

interface Pixel {
  color: Color;
  level: u8;
}

function name(c: Color): CStr {
  switch (c) {
    case Color.Red:
      return "red";
    case Color.Green:
      return "green";
    case Color.Blue:
      return "blue";
    default:
      return "other";
  }
}

export function main(): i32 {
  print(Color.Red);
  print(Color.Green);
  print(Color.Blue);
  print(Color.Cyan);
  let c: Color = Color.Green;
  print(name(c));
  c = 10 as Color;
  print(name(c));
  let raw: i32 = Color.Cyan; // implicit: enum -> underlying type
  print(raw);
  print(name(u8(raw) as Color)); // `as` takes the type that holds the members (u8 here)
  let f: u32 = Flags.Present | Flags.User;
  print(f);
  print((f & Flags.Write) !== 0);
  print(Flags.Big);
  let big: u32 = Flags.Big;
  print(big >>> 31);
  print(Signed.Neg);
  let s: i32 = Signed.Neg;
  print(s * 2);
  const p: Pixel = zeroed();
  print(p.color === Color.Red);
  p.color = Color.Blue;
  print(p.color);
  print(c === Color.Blue);
  print(Color.Blue > Color.Green);
  return 0;
}
