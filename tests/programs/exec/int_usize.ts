// usize is the same type as u32 on i386: sizes and addresses.
function align(x: usize, a: usize): usize {
  return (x + a - 1) & ~(a - 1);
}

export function main(): i32 {
  let a: usize = 0xfffff001;
  print(align(a, 4096));
  print(align(0x1001, 4096));
  print(align(4096, 4096));
  let n: u32 = 7;
  let s: usize = n; // same type, no conversion needed
  let t: u32 = s;
  print(t);
  print(usize(-1));
  print(usize(0x100000000n + 5n));
  return 0;
}
