// The process manager: the first user program. Until the kernel can create
// address spaces and threads it is only built, checked and reported by the
// kernel; it already is a real ring-3 program linked above KLIMIT.
//
// Its entry point is start() (procmgr/procmgr.ld). A user program cannot
// return anywhere, and without system calls it cannot ask to exit either, so
// it counts, then waits forever.

/** Iterations of the first loop, visible in a debugger. */
let ticks: u32 = 0;

function work(): u32 {
  let sum: u32 = 0;
  for (let i: u32 = 1; i <= 100; i++) sum += i;
  return sum;
}

export function start(): void {
  ticks = work();
  for (;;) {
    ticks++;
    pause();
  }
}
