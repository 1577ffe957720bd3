// System calls: the kernel's side of the ABI in kernel/abi.ts
// (docs/syscalls.md). Both entries, `int $0x80` and `sysenter`, leave the
// same TrapFrame (kernel/i686/traps.S, user.S), so one dispatcher reads the
// call number and arguments from the saved registers and writes the result
// back into them; the return path restores them into ring 3.
//
// Every argument from user space is checked before it is used: pointers
// must lie in [KLIMIT, 4 GiB) and are read through the fault-recovering
// copies (kernel/usercopy.ts); a bad call gets an error code, never a crash.

import { CONSOLE_WRITE_MAX, SYS_COUNT, Sys, SysError } from "./abi";
import { TrapFrame } from "./i686/trap";
import { VECTOR_SYSCALL } from "./i686/vectors";
import { powerOff } from "./i686/machine";
import { LogLevel, log2, logBytes } from "./log";
import { onUnexpectedVector } from "./fault";
import { processMay, RIGHT_POWER_OFF } from "./process";
import { schedCurrent, schedYield } from "./sched";
import { sysMap, sysUnmap, userFreePages } from "./sysmem";
import { sysClose, sysDup, sysEndpointCreate } from "./endpoint";
import { sysReceive, sysSend } from "./ipc";
import { sysReply, sysReplyError, sysReplyReceive } from "./ipcreply";
import { sysThreadCreate, sysThreadExit, sysThreadJoin } from "./systhread";
import { sysGive, sysProcessCreate, sysWrite } from "./sysproc";
import { CopyResult, copyFromUser } from "./usercopy";

/** Console writes are copied in through this buffer, a chunk at a time. */
const CHUNK: u32 = 256;
const chunk: Arr<u8, 256> = zeroed();

let calls: u32 = 0;
/** A call's second result, for the calls that have one (into ebx). */
const second: Arr<u32, 1> = zeroed();

export function syscallCount(): u32 {
  return calls;
}

function consoleWrite(address: u32, length: u32): i32 {
  if (length > CONSOLE_WRITE_MAX) return SysError.BadSize;
  for (let done: u32 = 0; done < length; ) {
    const n = length - done < CHUNK ? length - done : CHUNK;
    if (copyFromUser(addr(chunk), address + done, n) !== CopyResult.Ok) return done === 0 ? SysError.BadAddress : i32(done);
    logBytes(addr(chunk), n);
    done += n;
  }
  return i32(length);
}

function powerOffCall(status: u32): i32 {
  const t = schedCurrent();
  if (t === null || !processMay(t, RIGHT_POWER_OFF)) return SysError.NotPermitted;
  log2(LogLevel.Info, "kernel: power-off with status %u asked by thread %u\n", status, t.id);
  powerOff(status === 0);
  return 0;
}

/** One system call: number in eax, arguments in ebx esi edi ebp; result into eax. */
function dispatch(f: TrapFrame): void {
  calls++;
  const n = f.eax;
  let result: i32 = SysError.NoSuchCall;
  if (n < SYS_COUNT) {
    switch (u8(n) as Sys) {
      case Sys.Null:
        result = 0;
        break;
      case Sys.ConsoleWrite:
        result = consoleWrite(f.ebx, f.esi);
        break;
      case Sys.ThreadExit:
        sysThreadExit(f.ebx);
        break;
      case Sys.Yield:
        schedYield();
        result = 0;
        break;
      case Sys.PowerOff:
        result = powerOffCall(f.ebx);
        break;
      case Sys.FreeMemory:
        result = i32(userFreePages());
        break;
      case Sys.ThreadCreate:
        result = sysThreadCreate(f.ebx, f.esi, f.edi);
        break;
      case Sys.ThreadJoin:
        second[0] = 0;
        result = sysThreadJoin(f.ebx, second);
        f.ebx = second[0];
        break;
      case Sys.Map:
        result = sysMap(f.ebx, f.esi, f.edi, f.ebp);
        break;
      case Sys.Unmap:
        result = sysUnmap(f.ebx, f.esi, f.edi);
        break;
      case Sys.EndpointCreate:
        result = sysEndpointCreate();
        break;
      case Sys.Send:
        result = sysSend(f.ebx, f.esi);
        break;
      case Sys.Receive:
        result = sysReceive(f.ebx, f.esi, f.edi, f.ebp);
        break;
      case Sys.Reply:
        result = sysReply(f.ebx, f.esi);
        break;
      case Sys.ReplyError:
        result = sysReplyError(f.ebx);
        break;
      case Sys.Dup:
        result = sysDup(f.ebx, f.esi);
        break;
      case Sys.Close:
        result = sysClose(f.ebx);
        break;
      case Sys.ProcessCreate:
        result = sysProcessCreate();
        break;
      case Sys.Write:
        result = sysWrite(f.ebx, f.esi, f.edi, f.ebp);
        break;
      case Sys.Give:
        result = sysGive(f.ebx, f.esi, f.edi);
        break;
      case Sys.ReplyReceive:
        result = sysReplyReceive(f.ebx, f.esi, f.edi, f.ebp);
        break;
    }
  }
  f.eax = u32(result);
}

/**
 * The trap dispatcher's handler for every vector that is neither an
 * exception nor a PIC line: the system call from ring 3; anything else (or
 * the system-call vector raised in the kernel) is a kernel bug.
 */
export function onVector(vector: u32, frame: TrapFrame): void {
  if (vector === VECTOR_SYSCALL && (frame.cs & 3) === 3) dispatch(frame);
  else onUnexpectedVector(vector, frame);
}
