// sizeOf<T>() of scalar types, references and function references (i386).
interface S {
  a: u8;
}
type F = (x: u32) => u32;

export function main(): i32 {
  print(sizeOf<u8>());
  print(sizeOf<i8>());
  print(sizeOf<u16>());
  print(sizeOf<i16>());
  print(sizeOf<u32>());
  print(sizeOf<i32>());
  print(sizeOf<usize>());
  print(sizeOf<u64>());
  print(sizeOf<i64>());
  print(sizeOf<bool>());
  print(sizeOf<S>());
  print(sizeOf<F>());
  print(sizeOf<Ptr<u64>>());
  return 0;
}
