// External data symbols and functions declared in TypeScript by their exact
// names: here the GNU linker's __executable_start/etext/end, which every
// Linux executable has (as a kernel has its linker-script symbols), and a C
// library function.
declare const __executable_start: u8;
declare const etext: u8;
declare const end: u8;
declare function abs(x: i32): i32;

export function main(): i32 {
  const start: usize = addr(__executable_start);
  const text: usize = addr(etext);
  const image: usize = addr(end);
  print(start !== 0);
  print(start < text);
  print(text < image);
  print(addr(main) >= start && addr(main) < text);
  print(abs(-42));
  return 0;
}
