// exit: SIGABRT
// stderr: machineSetCr(1): i386 has CR0, CR2, CR3 and CR4
// A register number known only at run time is checked at run time (a constant
// one is a compile error: tests/programs/reject/machine_set_cr_constant.ts).
export function main(): i32 {
  for (let n: u32 = 0; n < 2; n++) {
    machineSetCr(n, 7);
    print(n);
  }
  return 0;
}
