// The kernel command line: words separated by spaces, e.g.
// "test=nullread". Options are matched as whole words.

import { bytesEqual } from "./cstr";

function isSpace(c: u8): bool {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** True if the NUL-terminated line at `line` contains the word `option`. */
export function hasOption(line: usize, option: CStr): bool {
  const text = ptr<u8>(line);
  let i: u32 = 0;
  for (;;) {
    while (text[i] !== 0 && isSpace(text[i])) i++;
    if (text[i] === 0) return false;
    const start = i;
    while (text[i] !== 0 && !isSpace(text[i])) i++;
    if (bytesEqual(line + start, i - start, option)) return true;
  }
}
