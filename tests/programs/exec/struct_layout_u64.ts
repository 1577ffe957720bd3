// u64/i64 fields are 4-aligned inside structs on i386 (System V ABI), so a
// struct with a u64 has alignment 4 and its size is a multiple of 4.
interface K { a: u8; b: u64; }
interface L { a: u64; b: u8; }
interface M { a: u32; b: u64; c: u16; }
interface N { a: i64; }
interface O { a: u16; b: i64; c: u8; d: u64; }
interface P { a: u8; b: u16; c: u64; }
interface Q { a: u8; k: Inline<K>; }

function show(label: CStr, v: usize): void {
  write(label);
  write(" ");
  print(v);
}

export function main(): i32 {
  show("K", sizeOf<K>());
  show("K.b", offsetOf<K>("b"));
  show("L", sizeOf<L>());
  show("L.b", offsetOf<L>("b"));
  show("M", sizeOf<M>());
  show("M.b", offsetOf<M>("b"));
  show("M.c", offsetOf<M>("c"));
  show("N", sizeOf<N>());
  show("O", sizeOf<O>());
  show("O.b", offsetOf<O>("b"));
  show("O.c", offsetOf<O>("c"));
  show("O.d", offsetOf<O>("d"));
  show("P", sizeOf<P>());
  show("P.b", offsetOf<P>("b"));
  show("P.c", offsetOf<P>("c"));
  show("Q", sizeOf<Q>());
  show("Q.k", offsetOf<Q>("k"));
  // the fields work too
  const o: O = zeroed();
  o.b = -2n;
  o.d = 0xffffffffffffffffn;
  o.c = 9;
  print(o.b);
  print(o.d);
  print(o.c);
  print(o.a);
  return 0;
}
