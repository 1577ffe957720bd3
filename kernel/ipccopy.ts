// Message data moves directly between two address spaces: the kernel runs on
// the receiving (or replying) thread's directory, so one side is the running
// space, reached with the fault-recovering user copy, and the other side's
// pages are looked up in its space and reached through a temporary mapping,
// one page at a time. No kernel buffer holds the message.

import { userRangeValid, PAGE_SIZE } from "./layout";
import { AddressSpace } from "./mm/space";
import { SpaceMapping, spaceLookup } from "./mm/spacemap";
import { SpaceResult } from "./mm/space";
import { CopyResult, copyFromUser, copyToUser } from "./usercopy";

export const enum IpcCopy {
  Ok = 0,
  /** The other side's range is not in the user half, or a page of it is not mapped (or not writable). */
  OtherSide,
  /** The running side's range is bad. */
  ThisSide,
}

/**
 * Copies n bytes from `srcVa` in space `src` (not running) to `dstVa` in the
 * running space. The other side's range was checked when it was given.
 */
export function copyFromSpace(src: AddressSpace, srcVa: u32, dstVa: u32, n: u32): IpcCopy {
  if (!userRangeValid(srcVa, n)) return IpcCopy.OtherSide;
  if (!userRangeValid(dstVa, n)) return IpcCopy.ThisSide;
  const m: SpaceMapping = zeroed();
  const env = src.env;
  let done: u32 = 0;
  while (done < n) {
    const va = srcVa + done;
    const page = va & ~(PAGE_SIZE - 1);
    const inPage = PAGE_SIZE - (va - page);
    const chunk = n - done < inPage ? n - done : inPage;
    if (spaceLookup(src, page, m) !== SpaceResult.Ok) return IpcCopy.OtherSide;
    const k = env.open(m.frame);
    if (k === 0) return IpcCopy.OtherSide;
    const r = copyToUser(dstVa + done, k + (va - page), chunk);
    env.close(k);
    if (r !== CopyResult.Ok) return IpcCopy.ThisSide;
    done += chunk;
  }
  return IpcCopy.Ok;
}

/**
 * Copies n bytes from `srcVa` in the running space to `dstVa` in space `dst`
 * (not running). With `writableOnly`, every page must be mapped writable (an
 * IPC buffer); without, read-only pages take the bytes too (a creator
 * filling a new process's text: Write).
 */
export function copyToSpace(dst: AddressSpace, dstVa: u32, srcVa: u32, n: u32, writableOnly: bool): IpcCopy {
  if (!userRangeValid(dstVa, n)) return IpcCopy.OtherSide;
  if (!userRangeValid(srcVa, n)) return IpcCopy.ThisSide;
  const m: SpaceMapping = zeroed();
  const env = dst.env;
  let done: u32 = 0;
  while (done < n) {
    const va = dstVa + done;
    const page = va & ~(PAGE_SIZE - 1);
    const inPage = PAGE_SIZE - (va - page);
    const chunk = n - done < inPage ? n - done : inPage;
    if (spaceLookup(dst, page, m) !== SpaceResult.Ok || (writableOnly && !m.writable)) return IpcCopy.OtherSide;
    const k = env.open(m.frame);
    if (k === 0) return IpcCopy.OtherSide;
    const r = copyFromUser(k + (va - page), srcVa + done, chunk);
    env.close(k);
    if (r !== CopyResult.Ok) return IpcCopy.ThisSide;
    done += chunk;
  }
  return IpcCopy.Ok;
}

/** Copies n bytes of kernel memory at `src` to `dstVa` in space `dst` (not running; pages must be writable). */
export function copyKernelToSpace(dst: AddressSpace, dstVa: u32, src: usize, n: u32): IpcCopy {
  if (!userRangeValid(dstVa, n)) return IpcCopy.OtherSide;
  const m: SpaceMapping = zeroed();
  const env = dst.env;
  let done: u32 = 0;
  while (done < n) {
    const va = dstVa + done;
    const page = va & ~(PAGE_SIZE - 1);
    const inPage = PAGE_SIZE - (va - page);
    const chunk = n - done < inPage ? n - done : inPage;
    if (spaceLookup(dst, page, m) !== SpaceResult.Ok || !m.writable) return IpcCopy.OtherSide;
    const k = env.open(m.frame);
    if (k === 0) return IpcCopy.OtherSide;
    memcpy(k + (va - page), src + done, chunk);
    env.close(k);
    done += chunk;
  }
  return IpcCopy.Ok;
}
