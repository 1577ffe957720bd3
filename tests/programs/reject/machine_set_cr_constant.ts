// error: 3:16 i386 has no CR1: machineSetCr() sets CR0, CR2, CR3 or CR4
export function main(): i32 {
  machineSetCr(1, 0x11);
  return 0;
}
