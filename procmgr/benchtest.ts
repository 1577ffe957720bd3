// test=bench: the costs `npm run bench` reports (bench/bench.ts), measured
// here with the time-stamp counter, which counts guest instructions when
// QEMU runs with -icount shift=0: 10,000 null system calls by int 0x80, the
// same by sysenter where the kernel offers it, and 10,000 IPC round trips of
// an empty message between two threads. Totals are printed (the division is
// the bench's: 64-bit division would need libgcc, which is above i586).

import { MAP_WRITABLE, Sys } from "../kernel/abi";
import { fmtStr, hi64, lo64 } from "../kernel/format";
import { print4 } from "../lib/console";
import { Message, Received, endpointCreate, close, receive, reply, send } from "../lib/ipc";
import { sysMap, sysUnmap, sysUsesSysenter } from "../lib/sys";
import { Joined, threadJoin, threadStart } from "../lib/thread";

declare function sys_int80(n: u32, a: u32, b: u32, c: u32, d: u32, second: usize): i32;
declare function sys_sysenter(n: u32, a: u32, b: u32, c: u32, d: u32, second: usize): i32;

const CALLS: u32 = 10000;
const STACK: u32 = 0x1d000000;
let endpoint: u32 = 0;
const empty: Arr<u8, 4> = zeroed();

function nullCalls(sysenter: bool): u64 {
  for (let i: u32 = 0; i < 100; i++) sysenter ? sys_sysenter(Sys.Null, 0, 0, 0, 0, 0) : sys_int80(Sys.Null, 0, 0, 0, 0, 0);
  const t0 = rdtsc();
  if (sysenter) for (let i: u32 = 0; i < CALLS; i++) sys_sysenter(Sys.Null, 0, 0, 0, 0, 0);
  else for (let i: u32 = 0; i < CALLS; i++) sys_int80(Sys.Null, 0, 0, 0, 0, 0);
  return rdtsc() - t0;
}

/** Answers CALLS + 100 empty messages. */
function echo(arg: u32): u32 {
  const from: Received = zeroed();
  for (let i: u32 = 0; i < CALLS + 100; i++) {
    if (receive(endpoint, addr(empty), 0, from) < 0) return 1;
    reply(addr(empty), 0);
  }
  return 0;
}

function report(what: CStr, total: u64): void {
  print4("bench: %s: %lu instructions for %u\n", fmtStr(what), lo64(total), hi64(total), CALLS);
}

export function benchTest(): bool {
  report("null system call by int 0x80", nullCalls(false));
  if (sysUsesSysenter()) report("null system call by sysenter", nullCalls(true));
  const e = endpointCreate();
  if (e < 0 || sysMap(STACK, 4, MAP_WRITABLE) !== 4) return false;
  endpoint = u32(e);
  const d = threadStart(echo, 0, STACK + 0x4000);
  const m: Message = zeroed();
  m.data = addr(empty);
  m.reply = addr(empty);
  for (let i: u32 = 0; i < 100; i++) send(endpoint, m);
  const t0 = rdtsc();
  for (let i: u32 = 0; i < CALLS; i++) send(endpoint, m);
  report("IPC round trip, empty message, two threads of one process", rdtsc() - t0);
  const j: Joined = zeroed();
  const joined = d < 0 ? -1 : threadJoin(u32(d), j);
  sysUnmap(STACK, 4);
  close(endpoint);
  return joined === 0 && j.status === 0;
}
