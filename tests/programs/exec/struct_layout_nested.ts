// Structs embedded by value with Inline<S>: the embedded struct keeps its own
// layout and alignment; a packed struct has alignment 1; a packed outer
// struct places a padded inner struct at any offset.
interface Inner { a: u8; b: u32; }
interface Outer1 { x: u8; inner: Inline<Inner>; y: u8; }
interface PInner extends Packed { a: u8; b: u32; }
interface Outer2 { x: u8; p: Inline<PInner>; y: u16; }
interface Outer3 extends Packed { x: u8; inner: Inline<Inner>; y: u8; }
interface Deep { a: u16; o: Inline<Outer1>; b: u8; }
interface Tiny { a: u8; b: u8; }
interface Outer4 { t: Inline<Tiny>; u: Inline<Tiny>; c: u8; }

function show(label: CStr, v: usize): void {
  write(label);
  write(" ");
  print(v);
}

export function main(): i32 {
  show("Outer1", sizeOf<Outer1>());
  show("Outer1.inner", offsetOf<Outer1>("inner"));
  show("Outer1.y", offsetOf<Outer1>("y"));
  show("PInner", sizeOf<PInner>());
  show("Outer2", sizeOf<Outer2>());
  show("Outer2.p", offsetOf<Outer2>("p"));
  show("Outer2.y", offsetOf<Outer2>("y"));
  show("Outer3", sizeOf<Outer3>());
  show("Outer3.inner", offsetOf<Outer3>("inner"));
  show("Outer3.y", offsetOf<Outer3>("y"));
  show("Deep", sizeOf<Deep>());
  show("Deep.o", offsetOf<Deep>("o"));
  show("Deep.b", offsetOf<Deep>("b"));
  show("Outer4", sizeOf<Outer4>());
  show("Outer4.u", offsetOf<Outer4>("u"));
  show("Outer4.c", offsetOf<Outer4>("c"));
  const d: Deep = zeroed();
  d.o.inner.b = 0xdeadbeef;
  d.o.y = 7;
  d.b = 1;
  print(d.o.inner.b);
  print(ptr<u32>(addr(d))[3]); // Deep.o (4) + Outer1.inner (4) + Inner.b (4) = byte 12
  print(volatileLoad32(addr(d) + 12));
  print(addr(d.o.inner) - addr(d));
  const o3: Outer3 = zeroed();
  o3.inner.b = 0x01020304;
  print(volatileLoad8(addr(o3) + 5));
  return 0;
}
