// Tests across processes: test=ipc-spaces (messages between the process
// manager and a clone of it in another address space, through an endpoint
// handed over with Give; the clone may not power off) and test=exit (a
// process that ends frees everything it held once closed; one that still
// runs cannot be closed).
// tsuki: optimize for size

import { IPC_MESSAGE_MAX, SysError } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print3, print4 } from "../lib/console";
import { Message, Received, close, endpointCreate, endpointDup, receive, reply, send } from "../lib/ipc";
import { sysFreeMemory, sysGive, sysPowerOff, sysWrite, sysYield } from "../lib/sys";
import { Joined, threadJoin } from "../lib/thread";
import { cloneProcess, cloneStart } from "./spawn";

const ROUNDS: u32 = 2000;
const COOKIE: u32 = 0x5ba5e;
const out: Arr<u8, 2048> = zeroed();
const back: Arr<u8, 2048> = zeroed();
const inbox: Arr<u8, 2048> = zeroed();

function sizeAt(i: u32): u32 {
  return (i * 101) % (IPC_MESSAGE_MAX + 1);
}

/** In the clone: refuse to be allowed to power off, then echo ROUNDS messages reversed. */
function echo(endpoint: u32): u32 {
  if (sysPowerOff(3) !== SysError.NotPermitted) return 1;
  const from: Received = zeroed();
  for (let i: u32 = 0; i < ROUNDS; i++) {
    const n = receive(endpoint, addr(inbox), IPC_MESSAGE_MAX, from);
    if (n < 0 || from.cookie !== COOKIE || from.number !== i) return 2;
    for (let k: u32 = 0; k < u32(n); k++) out[u32(n) - 1 - k] = inbox[k];
    if (reply(addr(out), u32(n)) !== 0) return 3;
  }
  return 0;
}

function fail(t: CStr, what: CStr, v: u32): bool {
  print3("test %s: FAIL %s (%d)\n", fmtStr(t), fmtStr(what), v);
  return false;
}

export function ipcSpacesTest(): bool {
  const t = "ipc-spaces";
  const e = endpointCreate();
  const c = cloneProcess();
  if (e < 0 || c < 0) return fail(t, "an endpoint and a clone", u32(c));
  // The clone receives on the endpoint it was given; this process sends on a
  // duplicate whose cookie the clone must see with every message.
  const given = sysGive(u32(c), u32(e), 0);
  const mine = endpointDup(u32(e), COOKIE);
  if (given < 0 || mine < 0) return fail(t, "Give and Dup", u32(given));
  const th = cloneStart(u32(c), echo, u32(given));
  if (th < 0) return fail(t, "a thread in the clone", u32(th));
  const m: Message = zeroed();
  let bad: u32 = 0;
  for (let i: u32 = 0; i < ROUNDS && bad === 0; i++) {
    const n = sizeAt(i);
    for (let k: u32 = 0; k < n; k++) out[k] = u8((i + k * 3) & 0xff);
    m.number = i;
    m.data = addr(out);
    m.size = n;
    m.reply = addr(back);
    m.replySize = IPC_MESSAGE_MAX;
    if (send(u32(mine), m) !== i32(n)) bad++;
    for (let k: u32 = 0; k < n && bad === 0; k++) if (back[k] !== u8((i + (n - 1 - k) * 3) & 0xff)) bad++;
  }
  const j: Joined = zeroed();
  const joined = threadJoin(u32(th), j);
  const closed = close(u32(c));
  close(u32(mine));
  close(u32(e));
  if (bad !== 0 || joined !== 0 || j.status !== 0 || j.reason !== 0 || closed !== 0) {
    print4("test %s: FAIL %u bad, the clone's status %u, reason %u", fmtStr(t), bad, j.status, j.reason);
    print3(", join %d, close %d%s\n", u32(joined), u32(closed), fmtStr(""));
    return false;
  }
  print3("test %s: ok (%u messages to another address space and back, sizes 0 to %u; the clone could not power off)\n", fmtStr(t), ROUNDS, IPC_MESSAGE_MAX);
  return true;
}

let release: u32 = 0;

/** In a clone: waits until the parent writes `release`, then ends with status 7. */
function waitThenExit(arg: u32): u32 {
  while (volatileLoad32(addr(release)) === 0) sysYield();
  return 7;
}

/** One process created, run to its end and closed: false on any failure. */
function oneLife(t: CStr): bool {
  const c = cloneProcess();
  if (c < 0) return fail(t, "a clone", u32(c));
  const th = cloneStart(u32(c), waitThenExit, 0);
  if (th < 0) return fail(t, "its thread", u32(th));
  const early = close(u32(c));
  if (early !== SysError.BadArgument) return fail(t, "closing a process that still runs", u32(early));
  const one: Arr<u32, 1> = zeroed();
  one[0] = 1;
  if (sysWrite(u32(c), addr(release), addr(one), 4) !== 4) return fail(t, "Write into the clone", 0);
  const j: Joined = zeroed();
  if (threadJoin(u32(th), j) !== 0 || j.status !== 7 || j.reason !== 0) return fail(t, "its thread's status", j.status);
  const closed = close(u32(c));
  if (closed !== 0) return fail(t, "closing it once it ended", u32(closed));
  return true;
}

export function exitTest(): bool {
  const t = "exit";
  const start = sysFreeMemory();
  if (!oneLife(t)) return false;
  const afterOne = sysFreeMemory();
  for (let i: u32 = 0; i < 5; i++) if (!oneLife(t)) return false;
  const afterSix = sysFreeMemory();
  if (afterSix !== afterOne) return fail(t, "free pages changed from one process's life to six", u32(afterOne - afterSix));
  print4("test %s: ok (6 processes created, run, ended and freed; free pages %u at start, %u after one, %u after six)\n", fmtStr(t), u32(start), u32(afterOne), u32(afterSix));
  return true;
}
