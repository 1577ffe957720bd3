// error: 4:15 /(keyword|reserved|C name|not a valid|cannot be spelled)/i
// An external symbol keeps its exact name in C; a name C cannot spell
// (a keyword such as `int`) must be refused here, not by gcc.
declare const int: u8;

export function main(): i32 {
  print(addr(int) !== 0);
  return 0;
}
