// The process manager: the first user program, started by the kernel in ring
// 3 in an address space of its own above KLIMIT. It says it is ready, with
// the memory it sees and the system-call entry the kernel offered, runs what
// its environment asks (`test=NAME` from the kernel command line: tests.ts)
// or, with no test named, the demo with the programs of the initrd
// (demo.ts), and powers the machine off with a status `tsuki run` turns into
// its exit code: 0 if everything passed.
// tsuki: optimize for size

import { fmtStr, hi64, lo64 } from "../kernel/format";
import { flush, print, print2, print4 } from "../lib/console";
import { ProgramArgs, hasEnvPrefix, programStart } from "../lib/start";
import { runDemo } from "./demo";
import { runTests } from "./tests";
import { spawnInit } from "./spawn";
import { sysFreeMemory, sysPowerOff, sysThreadExit, sysUsesSysenter } from "../lib/sys";

/** What the kernel passed on the initial stack (static: the clone code keeps a reference). */
const a: ProgramArgs = zeroed();

/** Entered from lib/start.S with the initial stack pointer; never returns. */
export function main(sp: u32): void {
  programStart(sp, a);
  spawnInit(a);
  const free = sysFreeMemory();
  // The cycle count here ends the boot's (npm run bench: boot_insns; user
  // code may read the TSC: the kernel leaves CR4.TSD clear).
  const now = rdtsc();
  print4("procmgr: ready at cycle %lu, %u free pages, system calls by %s\n", lo64(now), hi64(now), u32(free), fmtStr(sysUsesSysenter() ? "sysenter" : "int 0x80"));
  print2("procmgr: %u arguments, %u environment words\n", a.argc, a.envc);
  const failed = hasEnvPrefix(a, "test=") ? runTests(a) : runDemo(a) ? 0 : 1;
  flush();
  if (sysPowerOff(failed === 0 ? 0 : 1) < 0) print("procmgr: power-off refused\n");
  flush();
  sysThreadExit(1);
}
