// Synchronous IPC over endpoints (docs/syscalls.md, "IPC"): Send blocks until
// the message is received and replied to; Receive blocks until a message
// arrives; the receiver then owes its caller one Reply or ReplyError. The
// message data goes straight from the sender's address space to the
// receiver's, and the reply straight back (kernel/ipccopy.ts): whichever of
// the two runs copies, from or to the other's space. No kernel buffer.
//
// Invariants: an endpoint's senders queue holds threads blocked in Send that
// no receiver has taken, its receivers queue threads blocked in Receive; at
// most one of the two is non-empty. A sender whose message was delivered is
// Blocked on no queue, named by its receiver's ipc.caller, until the reply.
// Everything runs with interrupts off, so a switch never splits a rendezvous.
//
// The fast path (as L4-family kernels do it): a message of at most
// IPC_INLINE_MAX bytes sent to a receiver that is already waiting is copied
// from the sender's memory into the receiver's IpcState.inline, and the CPU
// goes straight to the receiver (schedHandOff), which copies it into its own
// buffer as it returns from Receive: no temporary mapping, no trip through
// the ready queue. Short replies travel the same way back. The hand-off runs
// with interrupts off into the receiver's kernel code, so the delivery still
// happens as one step: nothing runs between the two halves.

import { IPC_MESSAGE_MAX, SysError } from "./abi";
import { DescKind, descriptorGet } from "./descriptors";
import { Endpoint } from "./endpoint";
import { IpcCopy, copyFromSpace, copyKernelToSpace, copyToSpace } from "./ipccopy";
import { interruptsRestore, interruptsSave } from "./i686/switch";
import { queuePop, queuePush } from "./runqueue";
import { schedBlockOn, schedCurrent, schedHandOff, threadWake } from "./sched";
import { IPC_INLINE_MAX, IpcPending, Thread } from "./thread";
import { CopyResult, copyFromUser, copyToUser } from "./usercopy";
import { userRangeValid } from "./layout";

/** The message a sender describes in its memory (Send's second argument). */
interface Message {
  number: u32;
  data: u32;
  size: u32;
  reply: u32;
  replySize: u32;
}

/** What Receive writes at its info pointer (ReplyReceive reads its reply's size from `size`). */
export interface Received {
  number: u32;
  cookie: u32;
  size: u32;
}

let messages: u32 = 0;

/** Messages delivered since boot. */
export function ipcMessages(): u32 {
  return messages;
}

/** The endpoint descriptor `d` of the running thread's process names, or null; its cookie in cookie[0]. */
function endpointOf(self: Thread, d: u32, cookie: Arr<u32, 1>): Endpoint | null {
  const p = self.process;
  if (p === null) return null;
  const at = descriptorGet(p.descriptors, d, DescKind.Endpoint);
  if (at === 0) return null;
  cookie[0] = p.descriptors.entries[d].cookie;
  return ref<Endpoint>(at);
}

/** Who a failed delivery is the fault of. */
const enum Blame {
  Both = 0,
  Sender = 1,
  Receiver = 2,
}

/**
 * Delivers sender `s`'s message to receiver `r` (waiting with its buffer in
 * r.ipc): the data into r's buffer, a Received record at r's info pointer,
 * and `s` becomes r's caller. `senderRuns` says which of the two is running
 * (whose space is loaded). The message size, or an error and, in blame[0],
 * whose it is: a bad buffer is its owner's fault alone, a message larger than
 * the receiver's buffer both sides'.
 */
function deliver(s: Thread, r: Thread, senderRuns: bool, blame: Arr<u32, 1>): i32 {
  blame[0] = Blame.Both;
  const sp = s.process;
  const rp = r.process;
  if (sp === null || rp === null) return SysError.BadArgument;
  if (s.ipc.size > r.ipc.bufferSize) return SysError.BadSize;
  const data = senderRuns
    ? copyToSpace(rp.space, r.ipc.buffer, s.ipc.data, s.ipc.size, true)
    : copyFromSpace(sp.space, s.ipc.data, r.ipc.buffer, s.ipc.size);
  if (data !== IpcCopy.Ok) {
    // ThisSide is the running thread's buffer, OtherSide the other's.
    const senderAtFault = (data === IpcCopy.ThisSide) === senderRuns;
    blame[0] = senderAtFault ? Blame.Sender : Blame.Receiver;
    return SysError.BadAddress;
  }
  const info: Received = zeroed();
  info.number = s.ipc.number;
  info.cookie = s.ipc.cookie;
  info.size = s.ipc.size;
  const n = sizeOf<Received>();
  const wrote = senderRuns
    ? copyKernelToSpace(rp.space, r.ipc.info, addr(info), n) === IpcCopy.Ok
    : copyToUser(r.ipc.info, addr(info), n) === CopyResult.Ok;
  if (!wrote) {
    blame[0] = Blame.Receiver;
    return SysError.BadAddress;
  }
  r.ipc.caller = s;
  messages++;
  return i32(s.ipc.size);
}

/**
 * The fast path's first half, run by the sender `s` (running) for receiver
 * `r` (waiting): the message into r.ipc.inline. False, changing nothing, if
 * the sender's data cannot be read (its fault alone).
 */
function deliverInline(s: Thread, r: Thread): bool {
  if (copyFromUser(addr(r.ipc.inline), s.ipc.data, s.ipc.size) !== CopyResult.Ok) return false;
  r.ipc.pending = IpcPending.Message;
  r.ipc.result = i32(s.ipc.size);
  r.ipc.caller = s;
  messages++;
  return true;
}

/**
 * The fast path's second half, run by the receiver as its Receive returns:
 * the inline message into its buffer and the Received record at its info
 * pointer. On a bad buffer the fault is the receiver's alone: it gets the
 * error and the sender's wait goes on, back on the endpoint's senders.
 */
function acceptInline(self: Thread, e: Endpoint): i32 {
  self.ipc.pending = IpcPending.None;
  const s = self.ipc.caller;
  if (s === null) return SysError.BadArgument;
  const info: Received = zeroed();
  info.number = s.ipc.number;
  info.cookie = s.ipc.cookie;
  info.size = s.ipc.size;
  if (
    copyToUser(self.ipc.buffer, addr(self.ipc.inline), s.ipc.size) !== CopyResult.Ok ||
    copyToUser(self.ipc.info, addr(info), sizeOf<Received>()) !== CopyResult.Ok
  ) {
    self.ipc.caller = null;
    messages--;
    queuePush(e.senders, s);
    return SysError.BadAddress;
  }
  return self.ipc.result;
}

/** Send(d, message): blocks until the reply; its size, or an error (the receiver's ReplyError code too). */
export function sysSend(d: u32, message: u32): i32 {
  const self = schedCurrent();
  if (self === null || self.process === null) return SysError.NotPermitted;
  const m: Message = zeroed();
  if (copyFromUser(addr(m), message, sizeOf<Message>()) !== CopyResult.Ok) return SysError.BadAddress;
  if (m.size > IPC_MESSAGE_MAX || m.replySize > IPC_MESSAGE_MAX) return SysError.BadSize;
  if (!userRangeValid(m.data, m.size) || !userRangeValid(m.reply, m.replySize)) return SysError.BadAddress;
  const cookie: Arr<u32, 1> = zeroed();
  const e = endpointOf(self, d, cookie);
  if (e === null) return SysError.BadDescriptor;
  self.ipc.number = m.number;
  self.ipc.data = m.data;
  self.ipc.size = m.size;
  self.ipc.reply = m.reply;
  self.ipc.replySize = m.replySize;
  self.ipc.cookie = cookie[0];
  self.ipc.result = 0;
  const blame: Arr<u32, 1> = zeroed();
  const flags = interruptsSave();
  for (;;) {
    const r = queuePop(e.receivers);
    if (r === null) {
      schedBlockOn(e.senders); // a receiver takes the message, then replies
      break;
    }
    if (self.ipc.size <= IPC_INLINE_MAX && self.ipc.size <= r.ipc.bufferSize && r.process !== null) {
      if (!deliverInline(self, r)) {
        queuePush(e.receivers, r); // its wait goes on: the fault was ours
        interruptsRestore(flags);
        return SysError.BadAddress;
      }
      schedHandOff(r); // until the reply
      break;
    }
    const got = deliver(self, r, true, blame);
    if (got >= 0) {
      r.ipc.result = got;
      threadWake(r);
      schedBlockOn(null); // until the reply
      break;
    }
    if (blame[0] !== Blame.Sender) {
      r.ipc.result = got;
      threadWake(r);
    } else queuePush(e.receivers, r); // its wait goes on: the fault was ours
    if (blame[0] !== Blame.Receiver) {
      interruptsRestore(flags);
      return got;
    }
  }
  if (self.ipc.pending === IpcPending.Reply) {
    self.ipc.pending = IpcPending.None;
    const n = u32(self.ipc.result);
    if (copyToUser(self.ipc.reply, addr(self.ipc.inline), n) !== CopyResult.Ok) self.ipc.result = SysError.BadAddress;
  }
  interruptsRestore(flags);
  return self.ipc.result;
}

/**
 * Checks Receive's buffer, size and info pointer and the endpoint `d`, and
 * records them in self.ipc: the endpoint, or null with the error in err[0].
 */
export function receiveSetup(self: Thread, d: u32, buffer: u32, size: u32, info: u32, err: Arr<i32, 1>): Endpoint | null {
  const capacity = size < IPC_MESSAGE_MAX ? size : IPC_MESSAGE_MAX;
  if (!userRangeValid(buffer, capacity) || !userRangeValid(info, sizeOf<Received>())) {
    err[0] = SysError.BadAddress;
    return null;
  }
  const cookie: Arr<u32, 1> = zeroed();
  const e = endpointOf(self, d, cookie);
  if (e === null) {
    err[0] = SysError.BadDescriptor;
    return null;
  }
  self.ipc.buffer = buffer;
  self.ipc.bufferSize = capacity;
  self.ipc.info = info;
  self.ipc.result = 0;
  return e;
}

/**
 * Receive's wait on `e` (arguments in self.ipc, interrupts off): takes a
 * waiting sender's message, or blocks until one comes. `partner`, when not
 * null, is a thread Blocked on no queue that must run again (ReplyReceive's
 * caller, just replied to): it is woken if a message is already waiting,
 * and otherwise gets the CPU at once (schedHandOff) while this thread waits.
 * The message's size, or an error.
 */
export function receiveOn(self: Thread, e: Endpoint, partner: Thread | null): i32 {
  const blame: Arr<u32, 1> = zeroed();
  let waker = partner;
  let got: i32 = 0;
  for (;;) {
    const s = queuePop(e.senders);
    if (s === null) {
      // A sender delivers, then wakes us or hands the CPU over.
      if (waker !== null) {
        queuePush(e.receivers, self);
        schedHandOff(waker);
      } else schedBlockOn(e.receivers);
      return self.ipc.pending === IpcPending.Message ? acceptInline(self, e) : self.ipc.result;
    }
    if (waker !== null) {
      threadWake(waker);
      waker = null;
    }
    got = deliver(s, self, false, blame);
    if (got >= 0) break;
    if (blame[0] !== Blame.Receiver) {
      // The sender learns it: its Send ends with the error.
      s.ipc.result = got;
      threadWake(s);
    } else queuePush(e.senders, s); // its wait goes on: the fault was ours
    if (blame[0] !== Blame.Sender) break;
  }
  return got;
}

/**
 * Receive(d, buffer, size, info): blocks until a message arrives; copies it
 * into `buffer` (at most `size` bytes: a larger message fails for both
 * sides) and its number, cookie and size to `info`. The size, or an error.
 * The caller must Reply (or ReplyError) before it receives again.
 */
export function sysReceive(d: u32, buffer: u32, size: u32, info: u32): i32 {
  const self = schedCurrent();
  if (self === null || self.process === null) return SysError.NotPermitted;
  if (self.ipc.caller !== null) return SysError.BadArgument;
  const err: Arr<i32, 1> = zeroed();
  const e = receiveSetup(self, d, buffer, size, info, err);
  if (e === null) return err[0];
  const flags = interruptsSave();
  const got = receiveOn(self, e, null);
  interruptsRestore(flags);
  return got;
}
