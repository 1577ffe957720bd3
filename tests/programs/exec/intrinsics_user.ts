// Intrinsics that are legal in user mode, so they run on the host too:
// rdtsc, cpuid and pause.
export function main(): i32 {
  const t0: u64 = rdtsc();
  pause();
  const t1: u64 = rdtsc();
  print(t1 >= t0);
  const r: CpuidResult = zeroed();
  cpuid(0, 0, r);
  print(r.eax >= 1); // the highest standard leaf
  // the vendor string is 12 printable characters in ebx, edx, ecx
  let printable: u32 = 0;
  const words: Arr<u32, 3> = [r.ebx, r.edx, r.ecx];
  for (let i: u32 = 0; i < 3; i++) {
    for (let b: u32 = 0; b < 32; b += 8) {
      const c: u32 = (words[i] >>> b) & 0xff;
      if (c >= 0x20 && c < 0x7f) printable++;
    }
  }
  print(printable);
  cpuid(1, 0, r);
  print((r.edx & (1 << 4)) !== 0); // TSC feature bit
  return 0;
}
