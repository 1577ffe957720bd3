// Fixed-size arrays inside structs: Arr<T, N> is stored in place with T's
// alignment; arrays of structs embed the structs.
interface Inner { a: u8; b: u32; }
interface PInner extends Packed { a: u8; b: u32; }
interface AR1 { a: Arr<u8, 3>; b: u32; }
interface AR2 { a: u8; b: Arr<u16, 5>; }
interface AR3 { a: u8; b: Arr<u64, 2>; c: u8; }
interface AR4 { n: u32; pts: Arr<Inner, 3>; }
interface AR5 { a: Arr<u8, 5>; b: u8; }
interface AR6 extends Packed { a: u8; b: Arr<u32, 2>; }
interface AR7 { a: Arr<PInner, 2>; b: u8; }
interface AR8 { flags: Arr<bool, 3>; n: i16; }

function show(label: CStr, v: usize): void {
  write(label);
  write(" ");
  print(v);
}

export function main(): i32 {
  show("AR1", sizeOf<AR1>());
  show("AR1.b", offsetOf<AR1>("b"));
  show("AR2", sizeOf<AR2>());
  show("AR2.b", offsetOf<AR2>("b"));
  show("AR3", sizeOf<AR3>());
  show("AR3.b", offsetOf<AR3>("b"));
  show("AR3.c", offsetOf<AR3>("c"));
  show("AR4", sizeOf<AR4>());
  show("AR4.pts", offsetOf<AR4>("pts"));
  show("AR5", sizeOf<AR5>());
  show("AR5.b", offsetOf<AR5>("b"));
  show("AR6", sizeOf<AR6>());
  show("AR6.b", offsetOf<AR6>("b"));
  show("AR7", sizeOf<AR7>());
  show("AR7.b", offsetOf<AR7>("b"));
  show("AR8", sizeOf<AR8>());
  show("AR8.n", offsetOf<AR8>("n"));
  const s: AR4 = zeroed();
  s.n = 3;
  for (let i: u32 = 0; i < 3; i++) {
    s.pts[i].a = u8(i + 1);
    s.pts[i].b = i * 1000;
  }
  print(s.pts[2].b);
  print(s.pts[1].a);
  print(addr(s.pts[2]) - addr(s));
  print(addr(s.pts[1].b) - addr(s));
  print(s.pts.length);
  const t: AR3 = zeroed();
  t.b[1] = 0xffffffffffffffffn;
  t.c = 5;
  print(t.b[0]);
  print(t.b[1]);
  print(volatileLoad32(addr(t) + 16));
  return 0;
}
