// Reading and writing the memory of the calling thread's process from a
// system call. A user pointer is valid only if the whole range lies in the
// user half, [KLIMIT, 4 GiB), without wrapping; the copy itself then
// recovers from a page fault (kernel/i686/user.ts's exception-table fixup),
// so an unmapped or read-only user buffer is an error code, never a crash.
// The range rule, userRangeValid(), is kernel/layout.ts's (pure, host-tested).

import { copyUser } from "./i686/user";
import { userRangeValid } from "./layout";

export const enum CopyResult {
  Ok = 0,
  /** The range is not all in the user half (or wraps). */
  BadRange = 1,
  /** A page of it is not mapped, or not writable for a copy out. */
  Fault = 2,
}

/** Copies `length` bytes of user memory at `src` to kernel memory at `dst`. */
export function copyFromUser(dst: usize, src: u32, length: u32): CopyResult {
  if (!userRangeValid(src, length)) return CopyResult.BadRange;
  if (length === 0) return CopyResult.Ok;
  return copyUser(dst, src, length) ? CopyResult.Ok : CopyResult.Fault;
}

/** Copies `length` bytes of kernel memory at `src` to user memory at `dst`. */
export function copyToUser(dst: u32, src: usize, length: u32): CopyResult {
  if (!userRangeValid(dst, length)) return CopyResult.BadRange;
  if (length === 0) return CopyResult.Ok;
  return copyUser(dst, src, length) ? CopyResult.Ok : CopyResult.Fault;
}
