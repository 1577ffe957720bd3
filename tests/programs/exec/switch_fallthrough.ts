// switch works as in C: a non-empty case without break falls through into the
// next one; grouped labels; default anywhere; return from inside a case.
function f(x: u32): u32 {
  let r: u32 = 0;
  switch (x) {
    case 0:
      r += 1;
    case 1:
      r += 10;
      break;
    case 2:
    case 3:
      r += 100;
    default:
      r += 1000;
    case 7:
      r += 10000;
      break;
    case 8:
      return 8;
  }
  return r;
}

function noDefault(x: i32): i32 {
  switch (x) {
    case -1:
      return 100;
    case 0x10:
      return 200;
  }
  return 0;
}

const LIMIT = 5;
function constantCases(x: u8): u32 {
  switch (x) {
    case LIMIT:
      return 1;
    case LIMIT + 1:
      return 2;
    default:
      return 3;
  }
}

export function main(): i32 {
  for (let i: u32 = 0; i < 10; i++) print(f(i));
  print(noDefault(-1));
  print(noDefault(16));
  print(noDefault(3));
  print(constantCases(5));
  print(constantCases(6));
  print(constantCases(7));
  let big: u64 = 0x100000000n;
  switch (big) {
    case 0x100000000n:
      print("64-bit case");
      break;
    default:
      print("wrong");
  }
  let empty: u32 = 3;
  switch (empty) {
  }
  switch (empty) {
    default:
      print("only default");
  }
  return 0;
}
