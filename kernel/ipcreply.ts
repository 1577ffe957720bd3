// The receiver's side of a rendezvous after Receive (docs/syscalls.md,
// "IPC"): Reply and ReplyError end the caller's Send, and ReplyReceive
// replies and waits for the next message in one call, as an L4-family
// server loop does: the replied caller gets the CPU at once if no message is
// waiting (kernel/ipc.ts, receiveOn), so a request and its answer cost one
// system call and one switch each way.
//
// A reply of at most IPC_INLINE_MAX bytes goes into the caller's
// IpcState.inline and the caller copies it into its reply buffer when it
// runs again (sysSend); a longer one is copied straight into the caller's
// space (kernel/ipccopy.ts). Everything runs with interrupts off.

import { SysError } from "./abi";
import { IpcCopy, copyToSpace } from "./ipccopy";
import { Received, receiveOn, receiveSetup } from "./ipc";
import { interruptsRestore, interruptsSave } from "./i686/switch";
import { userRangeValid } from "./layout";
import { schedCurrent, threadWake } from "./sched";
import { IPC_INLINE_MAX, IpcPending, Thread } from "./thread";
import { CopyResult, copyFromUser } from "./usercopy";

/**
 * Gives caller `c` (Blocked, owed a reply by `self`) its reply: `size` bytes
 * at `buffer`. 0, with `c` no longer self's caller but still Blocked (the
 * caller of this wakes it or hands it the CPU); or an error, changing
 * nothing (then `c` still waits). Interrupts off.
 */
function replyTo(self: Thread, c: Thread, buffer: u32, size: u32): i32 {
  const cp = c.process;
  if (cp === null) return SysError.BadArgument;
  if (size > c.ipc.replySize) return SysError.BadSize;
  if (!userRangeValid(buffer, size)) return SysError.BadAddress;
  if (size <= IPC_INLINE_MAX) {
    if (copyFromUser(addr(c.ipc.inline), buffer, size) !== CopyResult.Ok) return SysError.BadAddress;
    c.ipc.pending = IpcPending.Reply;
    c.ipc.result = i32(size);
  } else {
    const r = copyToSpace(cp.space, c.ipc.reply, buffer, size, true);
    if (r === IpcCopy.ThisSide) return SysError.BadAddress;
    // A reply buffer the caller cannot take is the caller's error.
    c.ipc.result = r === IpcCopy.Ok ? i32(size) : SysError.BadAddress;
  }
  self.ipc.caller = null;
  return 0;
}

/** Reply(buffer, size): ends the caller's Send with these bytes as its reply. 0, or an error (then the caller still waits). */
export function sysReply(buffer: u32, size: u32): i32 {
  const self = schedCurrent();
  if (self === null) return SysError.NotPermitted;
  const c = self.ipc.caller;
  if (c === null) return SysError.BadArgument;
  const flags = interruptsSave();
  const r = replyTo(self, c, buffer, size);
  if (r === 0) threadWake(c);
  interruptsRestore(flags);
  return r;
}

/** ReplyError(code): ends the caller's Send with `code`, which must be negative. */
export function sysReplyError(code: u32): i32 {
  const self = schedCurrent();
  if (self === null) return SysError.NotPermitted;
  const c = self.ipc.caller;
  if (c === null) return SysError.BadArgument;
  if (i32(code) >= 0) return SysError.BadArgument;
  const flags = interruptsSave();
  c.ipc.result = i32(code);
  self.ipc.caller = null;
  threadWake(c);
  interruptsRestore(flags);
  return 0;
}

/**
 * ReplyReceive(d, buffer, size, info): Reply with the first info.size bytes
 * of `buffer` (the Received record the last Receive filled, its size field
 * set to the reply's size), then Receive(d, buffer, size, info). An error in
 * the reply or in Receive's arguments returns before anything happens (the
 * caller still waits); then it is Receive's result.
 */
export function sysReplyReceive(d: u32, buffer: u32, size: u32, info: u32): i32 {
  const self = schedCurrent();
  if (self === null || self.process === null) return SysError.NotPermitted;
  const c = self.ipc.caller;
  if (c === null) return SysError.BadArgument;
  const replySize: Arr<u32, 1> = zeroed();
  if (copyFromUser(addr(replySize), info + offsetOf<Received>("size"), 4) !== CopyResult.Ok) return SysError.BadAddress;
  const err: Arr<i32, 1> = zeroed();
  const e = receiveSetup(self, d, buffer, size, info, err);
  if (e === null) return err[0];
  const flags = interruptsSave();
  const r = replyTo(self, c, buffer, replySize[0]);
  const got = r === 0 ? receiveOn(self, e, c) : r;
  interruptsRestore(flags);
  return got;
}
