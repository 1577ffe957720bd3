// Kernel-target check (a gap found by the kernel work, now fixed): a load
// through address 0 used to be compiled into the load followed by `ud2`, so the function never returns.
// gcc sees a dereference of a null pointer (or of null plus an index),
// decides it is undefined behaviour and "isolates" the path
// (-fisolate-erroneous-paths-dereference, on at -O2). In a kernel, address 0
// is ordinary memory before paging (the real-mode interrupt vector table),
// and docs/subset.md promises that each intrinsic "compiles to the
// instruction".
//
//   node bin/tsuki.js compile --target kernel THIS -o x.o && objdump -d x.o
//   readZero:          mov 0x0,%eax ; ud2
//   timerVector:       mov 0x20,%eax ; ud2   (p = ptr<u32>(0); p[8]; written as
//                      ptr<u32>(0)[8] in one expression it happens to compile right)
//
// Fix: compile with -fno-delete-null-pointer-checks (as Linux does), which
// also turns the path isolation off; checked with gcc 12.2 on the generated
// C: no ud2 left. The kernel's `test=nullread` reads address 0 through an
// exported variable (kernel/selftest.ts, nullReadAddress), so it does not depend
// on this.

export function readZero(): u32 {
  return volatileLoad32(0);
}

/** The real-mode interrupt vector of IRQ 0 (segment:offset), vector 8. */
export function timerVector(): u32 {
  const ivt = ptr<u32>(0);
  return ivt[8];
}
