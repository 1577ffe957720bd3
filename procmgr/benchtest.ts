// test=bench: the costs `npm run bench` reports (bench/bench.ts), measured
// here with the time-stamp counter, which counts guest instructions when
// QEMU runs with -icount shift=0:
//
//   - 10,000 null system calls by int 0x80, the same by sysenter where the
//     kernel offers it;
//   - 10,000 IPC round trips (Send, and the partner's ReplyReceive: the
//     reply to the last message and the wait for the next in one call) of
//     8 and of 1,024 bytes each way, with a partner thread in this process
//     and with one in a clone of it (another address space);
//   - 10,000 Yields of this thread while one partner thread yields back, in
//     this process and in a clone: 20,000 switches.
//
// Each case first runs 100 rounds unmeasured. Totals are printed (the
// division is the bench's: 64-bit division would need libgcc, which is above
// i586), as `bench: WHAT: N instructions for COUNT`.

import { MAP_WRITABLE, Sys } from "../kernel/abi";
import { fmtStr, hi64, lo64 } from "../kernel/format";
import { print4 } from "../lib/console";
import { Message, Received, endpointCreate, close, receive, reply, replyReceive, send } from "../lib/ipc";
import { sysGive, sysMap, sysUnmap, sysUsesSysenter, sysYield } from "../lib/sys";
import { Joined, ThreadFn, threadJoin, threadStart } from "../lib/thread";
import { cloneProcess, cloneStart } from "./spawn";

declare function sys_int80(n: u32, a: u32, b: u32, c: u32, d: u32, second: usize): i32;
declare function sys_sysenter(n: u32, a: u32, b: u32, c: u32, d: u32, second: usize): i32;

const CALLS: u32 = 10000;
const WARM_UP: u32 = 100;
const STACK: u32 = 0x1d000000;
const MESSAGE_MAX: u32 = 1024;
const buffer: Arr<u8, 1024> = zeroed();

function nullCalls(sysenter: bool): u64 {
  for (let i: u32 = 0; i < WARM_UP; i++) sysenter ? sys_sysenter(Sys.Null, 0, 0, 0, 0, 0) : sys_int80(Sys.Null, 0, 0, 0, 0, 0);
  const t0 = rdtsc();
  if (sysenter) for (let i: u32 = 0; i < CALLS; i++) sys_sysenter(Sys.Null, 0, 0, 0, 0, 0);
  else for (let i: u32 = 0; i < CALLS; i++) sys_int80(Sys.Null, 0, 0, 0, 0, 0);
  return rdtsc() - t0;
}

/**
 * The IPC partner: answers every message on endpoint `arg` with as many
 * bytes as it got (a clone starts with this program's file data, not with
 * this process's variables, so nothing else is passed).
 */
function echo(arg: u32): u32 {
  const from: Received = zeroed();
  let n = receive(arg, addr(buffer), MESSAGE_MAX, from);
  // A server's loop: each reply (from.size, the bytes received) and the next receive in one call.
  for (let i: u32 = 1; i < WARM_UP + CALLS; i++) {
    if (n < 0) return 1;
    n = replyReceive(arg, addr(buffer), MESSAGE_MAX, from);
  }
  if (n < 0) return 1;
  return reply(addr(buffer), u32(n)) === 0 ? 0 : 2;
}

/** The switch partner: yields as often as the measuring thread does. */
function yielder(arg: u32): u32 {
  for (let i: u32 = 0; i < WARM_UP + CALLS; i++) sysYield();
  return 0;
}

function report(what: CStr, total: u64, count: u32): void {
  print4("bench: %s: %lu instructions for %u\n", fmtStr(what), lo64(total), hi64(total), count);
}

/**
 * Starts `fn(arg)` in this process (a thread on STACK, arg = e) or in a clone
 * (with `give`, endpoint `e` given to it, whose descriptor there becomes
 * arg): the thread's descriptor, and in `clone[0]` the clone's (0 for a
 * thread here); < 0 on failure.
 */
function startPartner(fn: ThreadFn, e: u32, give: bool, inClone: bool, clone: Arr<u32, 1>): i32 {
  clone[0] = 0;
  if (!inClone) return threadStart(fn, e, STACK + 0x4000);
  const c = cloneProcess();
  if (c < 0) return c;
  clone[0] = u32(c);
  let arg: u32 = 0;
  if (give) {
    const given = sysGive(u32(c), e, 0);
    if (given < 0) return given;
    arg = u32(given);
  }
  return cloneStart(u32(c), fn, arg);
}

function joinPartner(d: i32, clone: Arr<u32, 1>): bool {
  const j: Joined = zeroed();
  const joined = d < 0 ? -1 : threadJoin(u32(d), j);
  if (clone[0] !== 0) close(clone[0]);
  return joined === 0 && j.status === 0;
}

/** CALLS round trips of `size` bytes each way with a partner here or in a clone. */
function ipcRoundTrips(what: CStr, size: u32, inClone: bool): bool {
  const e = endpointCreate();
  if (e < 0) return false;
  const clone: Arr<u32, 1> = zeroed();
  const d = startPartner(echo, u32(e), true, inClone, clone);
  const m: Message = zeroed();
  m.data = addr(buffer);
  m.size = size;
  m.reply = addr(buffer);
  m.replySize = size;
  let bad: u32 = 0;
  for (let i: u32 = 0; i < WARM_UP; i++) if (send(u32(e), m) !== i32(size)) bad++;
  const t0 = rdtsc();
  for (let i: u32 = 0; i < CALLS; i++) if (send(u32(e), m) !== i32(size)) bad++;
  const spent = rdtsc() - t0;
  const joined = joinPartner(d, clone);
  close(u32(e));
  if (joined && bad === 0) report(what, spent, CALLS);
  else print4("bench: %s: FAIL (partner %d, %u sends failed, partner %s)\n", fmtStr(what), u32(d), bad, fmtStr(joined ? "ended well" : "failed"));
  return joined && bad === 0;
}

/** CALLS yields of this thread against a partner's, here or in a clone: 2 * CALLS switches. */
function switches(what: CStr, inClone: bool): bool {
  const clone: Arr<u32, 1> = zeroed();
  const d = startPartner(yielder, 0, false, inClone, clone);
  for (let i: u32 = 0; i < WARM_UP; i++) sysYield();
  const t0 = rdtsc();
  for (let i: u32 = 0; i < CALLS; i++) sysYield();
  const spent = rdtsc() - t0;
  const ok = joinPartner(d, clone);
  if (ok) report(what, spent, 2 * CALLS);
  return ok;
}

export function benchTest(): bool {
  report("null system call by int 0x80", nullCalls(false), CALLS);
  if (sysUsesSysenter()) report("null system call by sysenter", nullCalls(true), CALLS);
  if (sysMap(STACK, 4, MAP_WRITABLE) !== 4) return false;
  let ok = ipcRoundTrips("IPC round trip, 8 bytes, two threads of one process", 8, false);
  ok = ipcRoundTrips("IPC round trip, 1024 bytes, two threads of one process", 1024, false) && ok;
  ok = ipcRoundTrips("IPC round trip, 8 bytes, two processes", 8, true) && ok;
  ok = ipcRoundTrips("IPC round trip, 1024 bytes, two processes", 1024, true) && ok;
  ok = switches("switch by Yield, two threads of one process", false) && ok;
  ok = switches("switch by Yield, two processes", true) && ok;
  sysUnmap(STACK, 4);
  return ok;
}
