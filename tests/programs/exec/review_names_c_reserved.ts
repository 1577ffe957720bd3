// Identifiers that C reserves (an underscore and a capital letter: keywords
// such as _Complex, _Imaginary, _Pragma, gcc's _Float32 and _Decimal32) are
// ordinary names in TypeScript. As locals, parameters and fields they must be
// renamed in C like the other C keywords are.
interface Num {
  _Complex: u32;
  _Imaginary: u32;
}

function twice(_Float32: u32): u32 {
  return u32(_Float32 * 2);
}

export function main(): i32 {
  let _Pragma: u32 = 1;
  let _Decimal32: u32 = 2;
  const n: Num = { _Complex: 3, _Imaginary: 4 };
  print(_Pragma + _Decimal32);
  print(n._Complex + n._Imaginary);
  print(twice(21));
  return 0;
}
