// error: 6:9 /(too large|too big|does not fit|exceeds|overflow)/i
// sizeOf<T>() is a u32 compile-time constant; a type of 8,000,000,000 bytes
// has no u32 size. Now the compiler emits `8000000000u` and the program
// prints 3705032704 (the size wrapped modulo 2^32).
export function main(): i32 {
  print(sizeOf<Arr<u64, 1000000000>>());
  return 0;
}
