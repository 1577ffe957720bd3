// Function-reference tables: a calculator whose operations are looked up in
// a readonly table and in a table filled at run time.
type Op = (a: i32, b: i32) => i32;

function add(a: i32, b: i32): i32 {
  return i32(a + b);
}
function sub(a: i32, b: i32): i32 {
  return i32(a - b);
}
function mul(a: i32, b: i32): i32 {
  return i32(i64(a) * i64(b));
}
function quo(a: i32, b: i32): i32 {
  if (b === 0 || (b === -1 && a === -2147483648)) return 0;
  return i32(a / b);
}
function rem(a: i32, b: i32): i32 {
  if (b === 0 || b === -1) return 0;
  return a % b;
}
function shl(a: i32, b: i32): i32 {
  return a << (b & 31);
}

const OPS: readonly Op[] = [add, sub, mul, quo, rem, shl];
const runtime: Arr<Op | null, 8> = [null, null, null, null, null, null, null, null];

const PROGRAM: readonly i32[] = [0, 5, 2, -3, 1, 7, 3, 2, 4, 1000, 5, 3, 2, -1, 3, -2, 1, 2147483647, 0, 1];

export function main(): i32 {
  let acc: i32 = 1;
  for (let i: u32 = 0; i + 1 < PROGRAM.length; i += 2) {
    const op: u32 = u32(PROGRAM[i]) % OPS.length;
    acc = OPS[op](acc, PROGRAM[i + 1]);
    print(acc);
  }
  for (let i: u32 = 0; i < OPS.length; i++) runtime[OPS.length - 1 - i] = OPS[i];
  for (let i: u32 = 0; i < runtime.length; i++) {
    const f = runtime[i];
    if (f === null) {
      print("empty");
      continue;
    }
    print(f(-100, 7));
  }
  return 0;
}
