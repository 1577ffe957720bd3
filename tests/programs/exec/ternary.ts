// The conditional operator: nested, as an operand, with references and
// function references, with a non-bool condition.
interface P {
  v: u32;
}
type F = () => u32;
function one(): u32 {
  return 1;
}
function two(): u32 {
  return 2;
}

function sign(x: i32): i32 {
  return x < 0 ? -1 : x > 0 ? 1 : 0;
}

let evaluated: u32 = 0;
function side(v: u32): u32 {
  evaluated++;
  return v;
}

export function main(): i32 {
  print(sign(-5));
  print(sign(0));
  print(sign(9));
  let x: u32 = 3;
  print((x > 2 ? x : 0) * 10);
  let m: u8 = 7;
  let r: u32 = m ? 100 : 200;
  print(r);
  const a: P = zeroed();
  const b: P = zeroed();
  a.v = 1;
  b.v = 2;
  print((x > 5 ? a : b).v);
  const f: F = x > 5 ? one : two;
  print(f());
  print(x === 3 ? side(1) : side(2));
  print(evaluated);
  let big: u64 = x > 0 ? 0xffffffffffn : 0n;
  print(big);
  let s: i8 = x < 0 ? 1 : -1;
  print(s);
  return 0;
}
