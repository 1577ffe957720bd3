// Loops for compiler-output.test.ts, which checks in the DWARF line table
// that a for header's condition and step, and a do-while's condition, keep their own lines, so a debugger
// stepping through the loop shows them, not the closing brace (issue 12).
let out: u32 = 0;

function spin(n: u32): void {
  for (let i: u32 = 0;
       i < n;
       i++) {
    out = u32(out + i * 3);
  }
}

function twice(n: u32): void {
  for (let j: u32 = 0; j < n; j++) {
    out = u32(out * 2 + j);
  } // the loop's closing brace
}

function countdown(n: u32): void {
  do {
    out = u32(out + n);
    n--;
  } while (n > 0);
}

export function main(): i32 {
  spin(5);
  twice(3);
  countdown(3);
  print(out);
  return 0;
}
