// The kernel command line: words separated by spaces, e.g.
// "test=nullread". Options are matched as whole words.
// tsuki: optimize for size

import { CMDLINE_MAX } from "./bootinfo";
import { bytesEqual, cstrLength } from "./cstr";

function isSpace(c: u8): bool {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * True if some word of the NUL-terminated line at `line` is `option` or,
 * with `prefix`, starts with it.
 */
function findWord(line: usize, option: CStr, prefix: bool): bool {
  const text = ptr<u8>(line);
  const want = cstrLength(option);
  let i: u32 = 0;
  for (;;) {
    while (text[i] !== 0 && isSpace(text[i])) i++;
    if (text[i] === 0) return false;
    const start = i;
    while (text[i] !== 0 && !isSpace(text[i])) i++;
    const n = prefix && i - start >= want ? want : i - start;
    if (bytesEqual(line + start, n, option)) return true;
  }
}

/** True if the NUL-terminated line at `line` contains the word `option`. */
export function hasOption(line: usize, option: CStr): bool {
  return findWord(line, option, false);
}

/** True if some word of the line at `line` starts with `prefix` (e.g. "loglevel="). */
export function hasOptionPrefix(line: usize, prefix: CStr): bool {
  return findWord(line, prefix, true);
}

// ---- how long a command line can arrive -----------------------------------
//
// A protocol 2.04 kernel has no cmdline_size field (2.06 added it), so each
// loader picks its own limit, and none says when it cut a line: GRUB drops
// the words past its limit, QEMU -kernel passes the whole line and setup32
// keeps CMDLINE_MAX bytes of it. A line that arrives exactly that long may
// have lost its end; the kernel says so (cmdlineMayBeCut), and `tsuki run`
// refuses lines a loader would cut (tools/qemu.ts reads these constants).

/** Longest command line GRUB 2.06 hands a protocol 2.04 kernel, NUL excluded (measured). */
export const GRUB_CMDLINE_MAX: u32 = 255;
/** type_of_loader: the high nibble names the loader; 7 is GRUB. */
const LOADER_GRUB: u32 = 0x7;

export const enum CmdlineCut {
  No = 0,
  BySetup32,
  ByGrub,
}

export const CMDLINE_CUTS: readonly CStr[] = [
  "not cut",
  "it is as long as setup32 keeps (2047 bytes): it may have been cut",
  "it is as long as GRUB passes (255 bytes): GRUB may have dropped words",
];

/** Whether a command line of `length` bytes (NUL excluded) from loader `loader` may have been cut. */
export function cmdlineMayBeCut(length: u32, loader: u32): CmdlineCut {
  if (length >= CMDLINE_MAX) return CmdlineCut.BySetup32;
  if ((loader >>> 4) === LOADER_GRUB && length >= GRUB_CMDLINE_MAX) return CmdlineCut.ByGrub;
  return CmdlineCut.No;
}
