// Untyped constants built with JavaScript's 32-bit operators (<<, >>, |, &, ^)
// are numbers in JavaScript: `1 << 31` is -2147483648 and `1 << 32` is 1.
// Every result below is wrapped explicitly, so the compiled program must print
// what Node prints (docs/subset.md, "Running under Node"). Folding these
// constants exactly (as bigints) gives 2147483648 and 4294967296 instead.
const enum Flag { Low = 1 << 0, High = 1 << 31 }
const HIGH = 1 << 31;
const WRAPPED = 1 << 32;
const ALL = 0xffffffff & 0xffffffff;
const SIGN = 0x80000000 | 0;

export function main(): i32 {
  print(i64(HIGH));
  print(u32(WRAPPED));
  print(u32(1 << 32));
  print(i64(ALL));
  print(i64(SIGN));
  print(u64(HIGH));
  print(i32(0x100000000 >> 1));
  print(i64(Flag.Low));
  print(i64(Flag.High));
  const f: Flag = Flag.High;
  print(f === Flag.High);
  return 0;
}
