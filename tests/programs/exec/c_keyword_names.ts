// Names that are keywords or library names in C (but fine in TypeScript)
// must still compile: the generated C may not use them as they are.
interface struct_ {
  int: u32;
  char: u8;
  long: i64;
  unsigned: u16;
}

function sizeof(register: u32, auto: u32): u32 {
  return register + auto;
}

function printf(signed: i32): i32 {
  return -signed;
}

function exit(code: u32): u32 {
  return code + 1;
}

function malloc(n: u32): u32 {
  return n * 2;
}

let errno: u32 = 3;
let stdout: u32 = 4;
let NULL: u32 = 5;
let int8_t: u32 = 6;

export function main(): i32 {
  let int: u32 = 1;
  let char: u32 = 2;
  let double: u32 = 3;
  let float: u32 = 4;
  let short: u32 = 5;
  let long: u32 = 6;
  let goto: u32 = 7;
  let volatile: u32 = 8;
  let extern: u32 = 9;
  let union: u32 = 10;
  let typedef: u32 = 11;
  let restrict: u32 = 12;
  let inline: u32 = 13;
  let unsigned: u32 = 14;
  let signed: u32 = 15;
  let main: u32 = 16;
  let bool: u32 = 17;
  let uint32_t: u32 = 18;
  print(int + char + double + float + short + long + goto + volatile + extern);
  print(union + typedef + restrict + inline + unsigned + signed + main + bool + uint32_t);
  print(sizeof(int, char));
  print(printf(5));
  print(exit(1));
  print(malloc(21));
  print(errno + stdout + NULL + int8_t);
  const s: struct_ = zeroed();
  s.int = 100;
  s.char = 200;
  s.long = -1n;
  s.unsigned = 7;
  print(s.int + s.char + s.unsigned);
  print(s.long);
  return 0;
}
