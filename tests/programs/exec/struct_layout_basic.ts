// Struct layout of plain integer fields (i386 System V): each field at its
// natural alignment, the size rounded up to the largest alignment. The
// expected values were computed by hand; the compiler also checks them
// against gcc with _Static_assert.
interface A { a: u8; b: u32; }
interface B { a: u8; b: u16; c: u8; }
interface C { a: u32; b: u8; }
interface D { a: u8; b: u8; c: u8; }
interface E { a: u16; b: u8; }
interface F { a: bool; b: u32; c: bool; }
interface G { a: u8; b: i16; c: i32; d: i8; }
interface H { a: i8; }
interface I { a: u16; b: u16; c: u16; }
interface J { a: u8; b: u32; c: u8; d: u16; e: u8; }

function show(label: CStr, v: usize): void {
  write(label);
  write(" ");
  print(v);
}

export function main(): i32 {
  show("A", sizeOf<A>());
  show("A.b", offsetOf<A>("b"));
  show("B", sizeOf<B>());
  show("B.b", offsetOf<B>("b"));
  show("B.c", offsetOf<B>("c"));
  show("C", sizeOf<C>());
  show("C.b", offsetOf<C>("b"));
  show("D", sizeOf<D>());
  show("D.c", offsetOf<D>("c"));
  show("E", sizeOf<E>());
  show("E.b", offsetOf<E>("b"));
  show("F", sizeOf<F>());
  show("F.b", offsetOf<F>("b"));
  show("F.c", offsetOf<F>("c"));
  show("G", sizeOf<G>());
  show("G.a", offsetOf<G>("a"));
  show("G.b", offsetOf<G>("b"));
  show("G.c", offsetOf<G>("c"));
  show("G.d", offsetOf<G>("d"));
  show("H", sizeOf<H>());
  show("I", sizeOf<I>());
  show("I.c", offsetOf<I>("c"));
  show("J", sizeOf<J>());
  show("J.b", offsetOf<J>("b"));
  show("J.c", offsetOf<J>("c"));
  show("J.d", offsetOf<J>("d"));
  show("J.e", offsetOf<J>("e"));
  return 0;
}
