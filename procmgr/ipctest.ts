// test=ipc: two threads of the process manager ping-pong 10,000 messages of
// varying sizes up to IPC_MESSAGE_MAX over one endpoint; every byte of every
// message and reply is checked, and so are the message number and the
// cookie of the descriptor the client sends on (a duplicate with its own);
// then a receiver that ends owing a reply makes its sender's Send fail with
// PeerGone instead of hanging, and a sender's bad buffer fails that sender
// alone while the receiver waits on. The server answers every other
// message with ReplyReceive (the reply and the next Receive in one call),
// which must give the same bytes; ReplyReceive owing nobody is BadArgument.
// tsuki: optimize for size

import { IPC_MESSAGE_MAX, MAP_WRITABLE, SysError } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print3, print4 } from "../lib/console";
import { Message, Received, endpointCreate, endpointDup, receive, reply, replyReceive, send } from "../lib/ipc";
import { sysMap, sysUnmap } from "../lib/sys";
import { Joined, threadJoin, threadStart } from "../lib/thread";

const ROUNDS: u32 = 10000;
const COOKIE: u32 = 0xc0c0a;
/** The server thread's stack: pages of their own, below the other tests' stacks. */
const STACK_BASE: u32 = 0x1f000000;
const STACK_PAGES: u32 = 4;

const request: Arr<u8, 2048> = zeroed();
const answer: Arr<u8, 2048> = zeroed();
const serverBuffer: Arr<u8, 2048> = zeroed();
const serverReply: Arr<u8, 2048> = zeroed();
let serverEndpoint: u32 = 0;

/** The size of message `i`: every size from 0 to the limit comes up, the limit itself included. */
function sizeOf(i: u32): u32 {
  return (i * 37) % (IPC_MESSAGE_MAX + 1);
}

function byteOf(i: u32, k: u32): u8 {
  return u8((i * 7 + k * 13) & 0xff);
}

/**
 * Receives ROUNDS messages, checks each, and replies with its bytes
 * reversed: by Reply then Receive for even ones (and the last), by
 * ReplyReceive from the receive buffer for odd ones.
 */
function server(arg: u32): u32 {
  const from: Received = zeroed();
  let n = receive(serverEndpoint, addr(serverBuffer), IPC_MESSAGE_MAX, from);
  for (let i: u32 = 0; i < ROUNDS; i++) {
    if (n < 0) return 1000000 + u32(-n);
    if (u32(n) !== sizeOf(i) || from.number !== i || from.cookie !== COOKIE || from.size !== u32(n)) return 2000000 + i;
    for (let k: u32 = 0; k < u32(n); k++) {
      if (serverBuffer[k] !== byteOf(i, k)) return 3000000 + i;
      serverReply[u32(n) - 1 - k] = serverBuffer[k];
    }
    if ((i & 1) === 0 || i === ROUNDS - 1) {
      if (reply(addr(serverReply), u32(n)) !== 0) return 4000000 + i;
      if (i < ROUNDS - 1) n = receive(serverEndpoint, addr(serverBuffer), IPC_MESSAGE_MAX, from);
    } else {
      for (let k: u32 = 0; k < u32(n); k++) serverBuffer[k] = serverReply[k];
      from.size = u32(n);
      n = replyReceive(serverEndpoint, addr(serverBuffer), IPC_MESSAGE_MAX, from);
    }
  }
  // Owing nobody now: ReplyReceive has nothing to reply to.
  return replyReceive(serverEndpoint, addr(serverBuffer), IPC_MESSAGE_MAX, from) === SysError.BadArgument ? 0 : 5000000;
}

/** Takes one message and ends without replying. */
function quitter(arg: u32): u32 {
  const from: Received = zeroed();
  return receive(serverEndpoint, addr(serverBuffer), IPC_MESSAGE_MAX, from) < 0 ? 1 : 0;
}

/** A receiver that ends owing a reply: the sender's Send ends with PeerGone, and nothing hangs. */
function peerGone(t: CStr): bool {
  const d = threadStart(quitter, 0, STACK_BASE + STACK_PAGES * 0x1000);
  const m: Message = zeroed();
  m.data = addr(request);
  m.size = 16;
  m.reply = addr(answer);
  m.replySize = 16;
  const r = d < 0 ? 0 : send(serverEndpoint, m);
  const j: Joined = zeroed();
  const joined = d < 0 ? -1 : threadJoin(u32(d), j);
  if (r !== SysError.PeerGone || joined !== 0 || j.status !== 0) {
    print4("test %s: FAIL a receiver that ended without replying: Send gave %d, join %d, status %u\n", fmtStr(t), u32(r), u32(joined), j.status);
    return false;
  }
  return true;
}

/** Receives one message, checks its number, replies with nothing. */
function patient(arg: u32): u32 {
  const from: Received = zeroed();
  const n = receive(serverEndpoint, addr(serverBuffer), IPC_MESSAGE_MAX, from);
  if (n !== 4 || from.number !== 7) return 1;
  return reply(addr(serverReply), 0) === 0 ? 0 : 2;
}

/** A sender with a bad buffer gets BadAddress alone: the receiver waits on and takes the next message. */
function blame(t: CStr): bool {
  const d = threadStart(patient, 0, STACK_BASE + STACK_PAGES * 0x1000);
  const m: Message = zeroed();
  m.number = 6;
  m.data = 0x40000000; // in the user half, not mapped
  m.size = 16;
  m.reply = addr(answer);
  m.replySize = 16;
  const bad = d < 0 ? 0 : send(serverEndpoint, m);
  m.number = 7;
  m.data = addr(request);
  m.size = 4;
  const good = d < 0 ? 0 : send(serverEndpoint, m);
  const j: Joined = zeroed();
  const joined = d < 0 ? -1 : threadJoin(u32(d), j);
  if (bad !== SysError.BadAddress || good !== 0 || joined !== 0 || j.status !== 0) {
    print4("test %s: FAIL a bad sender buffer: Send gave %d then %d, the receiver's status %u\n", fmtStr(t), u32(bad), u32(good), j.status);
    return false;
  }
  return true;
}

export function ipcTest(): bool {
  const t = "ipc";
  const e = endpointCreate();
  if (e < 0) {
    print3("test %s: FAIL %s (%d)\n", fmtStr(t), fmtStr("endpointCreate"), u32(e));
    return false;
  }
  serverEndpoint = u32(e);
  const mine = endpointDup(u32(e), COOKIE);
  if (mine < 0 || sysMap(STACK_BASE, STACK_PAGES, MAP_WRITABLE) !== i32(STACK_PAGES)) {
    print3("test %s: FAIL %s (%d)\n", fmtStr(t), fmtStr("endpointDup or the server's stack"), u32(mine));
    return false;
  }
  const server_ = threadStart(server, 0, STACK_BASE + STACK_PAGES * 0x1000);
  let bad: u32 = 0;
  let bytes: u32 = 0;
  const m: Message = zeroed();
  for (let i: u32 = 0; i < ROUNDS && server_ >= 0; i++) {
    const n = sizeOf(i);
    for (let k: u32 = 0; k < n; k++) request[k] = byteOf(i, k);
    m.number = i;
    m.data = addr(request);
    m.size = n;
    m.reply = addr(answer);
    m.replySize = IPC_MESSAGE_MAX;
    const r = send(u32(mine), m);
    if (r !== i32(n)) {
      bad++;
      break;
    }
    for (let k: u32 = 0; k < n; k++) if (answer[k] !== byteOf(i, n - 1 - k)) bad++;
    bytes += 2 * n;
  }
  const j: Joined = zeroed();
  const joined = server_ >= 0 ? threadJoin(u32(server_), j) : -1;
  if (server_ < 0 || joined !== 0 || j.status !== 0 || j.reason !== 0 || bad !== 0) {
    print4("test %s: FAIL server status %u, reason %u, %u bad\n", fmtStr(t), j.status, j.reason, bad);
    sysUnmap(STACK_BASE, STACK_PAGES);
    return false;
  }
  const gone = peerGone(t) && blame(t);
  sysUnmap(STACK_BASE, STACK_PAGES);
  if (!gone) return false;
  print4("test %s: ok (%u messages and replies, %u bytes, sizes 0 to %u)\n", fmtStr(t), ROUNDS, bytes, IPC_MESSAGE_MAX);
  return true;
}
