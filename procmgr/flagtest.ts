// test=sysenter-flags: sysenter keeps the caller's EFLAGS but for IF, VM and
// RF, so a program can enter the kernel with the trap flag (a debug trap on
// the entry's first instruction, on a stack that is not yet the thread's) or
// the nested-task flag set (which a switch to another thread would carry
// into that thread's iret). Both must leave the kernel unhurt: calls with TF,
// then Yields with NT while another thread is preempted mid-loop.
// tsuki: optimize for size

import { Sys } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print1, print3 } from "../lib/console";
import { sysUsesSysenter } from "../lib/sys";
import { Joined, threadJoin, threadStart } from "../lib/thread";
import { sysMap, sysUnmap } from "../lib/sys";
import { MAP_WRITABLE } from "../kernel/abi";

declare function sys_sysenter_flags(n: u32, a: u32, flags: u32): i32;

const EFLAGS_TF: u32 = 0x100;
const EFLAGS_NT: u32 = 0x4000;
const STACK: u32 = 0x1e000000;

let stop: u32 = 0;
let spins: u32 = 0;

/** Never yields: only preemption lets the other thread run. */
function spinner(arg: u32): u32 {
  while (volatileLoad32(addr(stop)) === 0) volatileStore32(addr(spins), volatileLoad32(addr(spins)) + 1);
  return 0;
}

export function sysenterFlagsTest(): bool {
  const t = "sysenter-flags";
  if (!sysUsesSysenter()) {
    print1("test %s: ok (int 0x80 in use: the interrupt gate clears TF and NT itself)\n", fmtStr(t));
    return true;
  }
  for (let i: u32 = 0; i < 100; i++) {
    const r = sys_sysenter_flags(Sys.Null, 0, EFLAGS_TF);
    if (r !== 0) {
      print3("test %s: FAIL %s (%d)\n", fmtStr(t), fmtStr("a call with TF set"), u32(r));
      return false;
    }
  }
  if (sysMap(STACK, 4, MAP_WRITABLE) !== 4) return false;
  const d = threadStart(spinner, 0, STACK + 0x4000);
  // Each Yield lets the spinner run a whole slice (it never yields): 20 are 0.4 s.
  for (let i: u32 = 0; i < 20 && d >= 0; i++) sys_sysenter_flags(Sys.Yield, 0, EFLAGS_NT);
  volatileStore32(addr(stop), 1);
  const j: Joined = zeroed();
  const joined = d < 0 ? -1 : threadJoin(u32(d), j);
  sysUnmap(STACK, 4);
  if (joined !== 0 || j.reason !== 0 || volatileLoad32(addr(spins)) === 0) {
    print3("test %s: FAIL %s (%d)\n", fmtStr(t), fmtStr("the preempted thread did not come through"), u32(joined));
    return false;
  }
  print1("test %s: ok (100 calls with TF, 20 Yields with NT while another thread was preempted)\n", fmtStr(t));
  return true;
}
