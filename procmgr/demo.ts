// The demo, run when the command line names no test: the process manager
// starts "pong" and "ping" from the initrd, each in a process of its own,
// and relays: every message ping sends to the process manager's endpoint is
// sent on to pong, and pong's reply goes back to ping, until message 0
// ("bye"). Then both are joined and closed, and the machine powers off.
// tsuki: optimize for size

import { AT_TSUKI_INITRD, AT_TSUKI_INITRD_SIZE } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print, print1, print2 } from "../lib/console";
import { Message, Received, close, endpointCreate, receive, reply, replyError, send } from "../lib/ipc";
import { ProgramArgs, auxValue } from "../lib/start";
import { Joined, threadJoin } from "../lib/thread";
import { InitrdFile, initrdFind } from "./initrd";
import { Started, startProgram } from "./loader";

const inbox: Arr<u8, 2048> = zeroed();
const answer: Arr<u8, 2048> = zeroed();

/** Finds program `name` in the initrd. */
function find(a: ProgramArgs, name: CStr, f: InitrdFile): bool {
  return initrdFind(auxValue(a, AT_TSUKI_INITRD), auxValue(a, AT_TSUKI_INITRD_SIZE), name, f);
}

function start(name: CStr, f: InitrdFile, endpoint: u32, cookie: u32, out: Started): bool {
  const r = startProgram(name, f.data, f.size, endpoint, cookie, out);
  if (r < 0) {
    print2("procmgr: starting %s failed (%d)\n", fmtStr(name), u32(r));
    return false;
  }
  print2("procmgr: started %s (%u bytes) in a process of its own\n", fmtStr(name), f.size);
  return true;
}

/**
 * Runs the demo; true if it ran to its end, or if there is nothing to run it
 * with (no initrd, or one without ping and pong: the boot loader brought
 * something else). False only if the programs could not be started or the
 * messages did not go through.
 */
export function runDemo(a: ProgramArgs): bool {
  const pingFile: InitrdFile = zeroed();
  const pongFile: InitrdFile = zeroed();
  if (auxValue(a, AT_TSUKI_INITRD_SIZE) === 0) {
    print("procmgr: no initrd, so no programs to start\n");
    return true;
  }
  if (!find(a, "ping", pingFile) || !find(a, "pong", pongFile)) {
    print("procmgr: the initrd holds no ping and pong (not the build's initrd.cpio?): no demo\n");
    return true;
  }
  const mine = endpointCreate();
  const pongs = endpointCreate();
  if (mine < 0 || pongs < 0) return false;
  const pong: Started = zeroed();
  const ping: Started = zeroed();
  if (!start("pong", pongFile, u32(pongs), 0, pong) || !start("ping", pingFile, u32(mine), 1, ping)) return false;
  const from: Received = zeroed();
  const m: Message = zeroed();
  let relayed: u32 = 0;
  for (;;) {
    const n = receive(u32(mine), addr(inbox), 2048, from);
    if (n < 0) break;
    m.number = from.number;
    m.data = addr(inbox);
    m.size = u32(n);
    m.reply = addr(answer);
    m.replySize = 2048;
    const r = send(u32(pongs), m);
    if (r < 0) replyError(r);
    else reply(addr(answer), u32(r));
    relayed++;
    if (from.number === 0) break;
  }
  const j: Joined = zeroed();
  const pingEnd = threadJoin(ping.thread, j);
  const pongEnd = threadJoin(pong.thread, j);
  close(ping.process);
  close(pong.process);
  close(u32(mine));
  close(u32(pongs));
  if (pingEnd !== 0 || pongEnd !== 0) return false;
  print1("procmgr: demo done: ping and pong exchanged %u messages through the process manager\n", relayed);
  return true;
}
