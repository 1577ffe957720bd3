// Array literals initialise Arr storage (module and local) and readonly
// tables; .length is the declared length.
const primes: Arr<u32, 6> = [2, 3, 5, 7, 11, 13];
const bytes: Arr<u8, 4> = [0xde, 0xad, 0xbe, 0xef];
const signed: Arr<i16, 3> = [-1, -32768, 32767];
const wide: Arr<u64, 2> = [0xffffffffffffffffn, 1n];
const flags: Arr<bool, 3> = [true, false, true];

export function main(): i32 {
  let s: u32 = 0;
  for (let i: u32 = 0; i < primes.length; i++) s += primes[i];
  print(s);
  print(primes.length);
  primes[0] = 1000;
  print(primes[0]);
  print(ptr<u32>(addr(bytes))[0]); // little-endian
  print(signed[0]);
  print(signed[1]);
  print(signed[2]);
  print(wide[0] + wide[1]);
  print(flags[0]);
  print(flags[1]);
  const local: Arr<i32, 4> = [10, -20, 30, -40];
  let t: i32 = 0;
  for (let i: u32 = 0; i < local.length; i++) t += local[i];
  print(t);
  local[3] = 0;
  print(local[3]);
  return 0;
}
