// Message data moves directly between two address spaces: the kernel runs on
// the receiving (or replying) thread's directory, so one side is the running
// space, reached with the fault-recovering user copy, and the other side's
// pages are looked up in its space and reached through a temporary mapping,
// one page at a time. No kernel buffer holds the message.

import { PAGE_SIZE, userRangeValid } from "./layout";
import { AddressSpace, SpaceResult } from "./mm/space";
import { SpaceMapping, spaceLookup } from "./mm/spacemap";
import { CopyResult, copyFromUser, copyToUser } from "./usercopy";

export const enum IpcCopy {
  Ok = 0,
  /** The other side's range is not in the user half, or a page of it is not mapped (or not writable). */
  OtherSide,
  /** The running side's range is bad. */
  ThisSide,
}

const enum Near {
  /** This side is user memory of the running space, copied with fault recovery. */
  User = 0,
  /** This side is kernel memory. */
  Kernel = 1,
}

/**
 * The one walk over the other space's pages: n bytes between `va` in space
 * `far` (not running) and `near` on this side (user or kernel memory, as
 * `kind` says), towards `far` if `toFar` (then its pages must be writable
 * when `writableOnly`).
 */
function spaceCopy(far: AddressSpace, va: u32, near: usize, kind: Near, n: u32, toFar: bool, writableOnly: bool): IpcCopy {
  if (!userRangeValid(va, n)) return IpcCopy.OtherSide;
  if (kind === Near.User && !userRangeValid(near, n)) return IpcCopy.ThisSide;
  const m: SpaceMapping = zeroed();
  const env = far.env;
  for (let done: u32 = 0; done < n; ) {
    const at = va + done;
    const page = at & ~(PAGE_SIZE - 1);
    const inPage = PAGE_SIZE - (at - page);
    const chunk = n - done < inPage ? n - done : inPage;
    if (spaceLookup(far, page, m) !== SpaceResult.Ok || (toFar && writableOnly && !m.writable)) return IpcCopy.OtherSide;
    const k = env.open(m.frame);
    if (k === 0) return IpcCopy.OtherSide;
    const there = k + (at - page);
    let r = CopyResult.Ok;
    if (kind === Near.Kernel) memcpy(toFar ? there : near + done, toFar ? near + done : there, chunk);
    else r = toFar ? copyFromUser(there, near + done, chunk) : copyToUser(near + done, there, chunk);
    env.close(k);
    if (r !== CopyResult.Ok) return IpcCopy.ThisSide;
    done += chunk;
  }
  return IpcCopy.Ok;
}

/** Copies n bytes from `srcVa` in space `src` (not running) to `dstVa` in the running space. */
export function copyFromSpace(src: AddressSpace, srcVa: u32, dstVa: u32, n: u32): IpcCopy {
  return spaceCopy(src, srcVa, dstVa, Near.User, n, false, false);
}

/**
 * Copies n bytes from `srcVa` in the running space to `dstVa` in space `dst`
 * (not running). With `writableOnly`, every page must be mapped writable (an
 * IPC buffer); without, read-only pages take the bytes too (a creator
 * filling a new process's text: Write).
 */
export function copyToSpace(dst: AddressSpace, dstVa: u32, srcVa: u32, n: u32, writableOnly: bool): IpcCopy {
  return spaceCopy(dst, dstVa, srcVa, Near.User, n, true, writableOnly);
}

/** Copies n bytes of kernel memory at `src` to `dstVa` in space `dst` (not running; pages must be writable). */
export function copyKernelToSpace(dst: AddressSpace, dstVa: u32, src: usize, n: u32): IpcCopy {
  return spaceCopy(dst, dstVa, src, Near.Kernel, n, true, true);
}
