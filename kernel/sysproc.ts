// The process system calls: a process (the process manager) creates an empty
// process, fills its memory (Map with its descriptor, Write), starts threads
// in it (ThreadCreate with its descriptor), hands it endpoints (Give), and
// closes it once it has ended, which frees everything it held. Only the
// creator holds the new process's descriptor; the new process has no rights.
// tsuki: optimize for size

import { PROCESS_SELF, SysError, WRITE_MAX } from "./abi";
import { DescKind, DESCRIPTORS, descriptorClose, descriptorGet, descriptorKind, descriptorOpen, descriptorSet } from "./descriptors";
import { endpointRelease, endpointRetain } from "./endpoint";
import { IpcCopy, copyToSpace } from "./ipccopy";
import { Process } from "./process";
import { processCreate, processFree } from "./processes";
import { schedCurrent, threadReap } from "./sched";
import { Thread, ThreadState } from "./thread";
import { SpaceResult, spaceDestroy } from "./mm/space";
import { userMayTake } from "./sysmem";

function self(): Process | null {
  const t = schedCurrent();
  return t === null ? null : t.process;
}

/** The process `d` names for the caller: its own for PROCESS_SELF, one it created, else null. */
export function targetProcess(d: u32): Process | null {
  const p = self();
  if (p === null) return null;
  if (d === PROCESS_SELF) return p;
  const at = descriptorGet(p.descriptors, d, DescKind.Process);
  return at === 0 ? null : ref<Process>(at);
}

/** ProcessCreate(): a new process with an empty address space and no rights; its descriptor. */
export function sysProcessCreate(): i32 {
  const p = self();
  if (p === null) return SysError.NotPermitted;
  // Its object, directory, and a slab page: outside the kernel's reserve.
  if (!userMayTake(3)) return SysError.NoMemory;
  const d = descriptorOpen(p.descriptors, DescKind.Process, 0, 0);
  if (d < 0) return SysError.NoDescriptor;
  const c = processCreate("user", 0);
  if (c === null) {
    descriptorClose(p.descriptors, u32(d));
    return SysError.NoMemory;
  }
  descriptorSet(p.descriptors, u32(d), addr(c), c.id);
  return d;
}

/** Write(process, va, buffer, size): copies `size` bytes of the caller's memory into `process` (mapped pages, read-only ones too). */
export function sysWrite(d: u32, va: u32, buffer: u32, size: u32): i32 {
  const target = targetProcess(d);
  if (target === null || d === PROCESS_SELF) return SysError.BadDescriptor;
  if (size > WRITE_MAX) return SysError.BadSize;
  const r = copyToSpace(target.space, va, buffer, size, false);
  if (r === IpcCopy.OtherSide) return SysError.BadAddress;
  if (r === IpcCopy.ThisSide) return SysError.BadAddress;
  return i32(size);
}

/** Give(process, endpoint, cookie): a descriptor for the endpoint in `process`, with `cookie`; its number there. */
export function sysGive(d: u32, endpoint: u32, cookie: u32): i32 {
  const p = self();
  const target = targetProcess(d);
  if (p === null || target === null || d === PROCESS_SELF) return SysError.BadDescriptor;
  const e = descriptorGet(p.descriptors, endpoint, DescKind.Endpoint);
  if (e === 0) return SysError.BadDescriptor;
  const n = descriptorOpen(target.descriptors, DescKind.Endpoint, e, cookie);
  if (n < 0) return SysError.NoDescriptor;
  endpointRetain(e);
  return n;
}

/** True if `c` and every process it created (and so on) have ended: none of them has a thread running. */
function allEnded(c: Process): bool {
  if (c.threads !== 0) return false;
  for (let i: u32 = 0; i < DESCRIPTORS; i++) {
    const g = descriptorGet(c.descriptors, i, DescKind.Process);
    if (g !== 0 && !allEnded(ref<Process>(g))) return false;
  }
  return true;
}

/**
 * Frees an ended process `c` and what its table names: its address space
 * first (the one step that can fail, on no memory, before anything else
 * changed), then each descriptor, cleared as it goes -- endpoints released,
 * threads it started that have ended freed, the processes it created freed
 * the same way -- then the object.
 */
function freeProcess(c: Process): bool {
  if (spaceDestroy(c.space) !== SpaceResult.Ok) return false;
  for (let i: u32 = 0; i < DESCRIPTORS; i++) {
    const kind = descriptorKind(c.descriptors, i);
    const at = c.descriptors.entries[i].object;
    descriptorClose(c.descriptors, i);
    if (kind === DescKind.Endpoint && at !== 0) endpointRelease(at);
    if (kind === DescKind.Thread && at !== 0 && ref<Thread>(at).state === ThreadState.Dead) threadReap(ref<Thread>(at));
    // A nested failure (no temporary slot for its space) would leave that one unfreed.
    if (kind === DescKind.Process && at !== 0) freeProcess(ref<Process>(at));
  }
  processFree(c);
  return true;
}

/**
 * Closing a process descriptor (Close): the process, and every process it
 * created, must have ended (BadArgument while a thread of any of them runs);
 * then all of them are freed with everything they held. All or nothing: a
 * refusal or a failure changes nothing. A thread it started in another
 * process that still runs goes on, but nobody can join it any more (a known
 * limit, docs/syscalls.md).
 */
export function closeProcess(p: Process, d: u32): i32 {
  const at = descriptorGet(p.descriptors, d, DescKind.Process);
  if (at === 0) return SysError.BadDescriptor;
  const c = ref<Process>(at);
  if (!allEnded(c)) return SysError.BadArgument;
  if (!freeProcess(c)) return SysError.NoMemory;
  descriptorClose(p.descriptors, d);
  return 0;
}
