// The initrd as the process manager sees it: the kernel copies the archive
// the boot loader brought into this process's memory and says where in the
// auxiliary vector (AT_TSUKI_INITRD, AT_TSUKI_INITRD_SIZE). It is a cpio
// "newc" archive (tools/cpio.ts writes it): 110-byte ASCII headers, names
// and data each padded to 4 bytes, ending with "TRAILER!!!". Every field is
// checked against the archive's end: a damaged archive is "not found".
// tsuki: optimize for size

import { bytesEqual, cstrLength } from "../kernel/cstr";

export interface InitrdFile {
  data: usize;
  size: u32;
}

/** The 8 hex digits at `at` as a number, or 0xffffffff if one is not a hex digit. */
function hex8(at: usize): u32 {
  const p = ptr<u8>(at);
  let v: u32 = 0;
  for (let i: u32 = 0; i < 8; i++) {
    const c = p[i];
    let d: u32 = 0;
    if (c >= 0x30 && c <= 0x39) d = u32(c - 0x30);
    else if (c >= 0x61 && c <= 0x66) d = u32(c - 0x61 + 10);
    else if (c >= 0x41 && c <= 0x46) d = u32(c - 0x41 + 10);
    else return 0xffffffff;
    v = (v << 4) | d;
  }
  return v;
}

function pad4(n: u32): u32 {
  return (4 - (n & 3)) & 3;
}

/** Finds file `name` in the archive [base, base + size): true with `out` filled, false if absent or damaged. */
export function initrdFind(base: usize, size: u32, name: CStr, out: InitrdFile): bool {
  let at: u32 = 0;
  const want = cstrLength(name);
  while (u64(at) + 110n <= u64(size)) {
    if (!bytesEqual(base + at, 6, "070701")) return false;
    const fileSize = hex8(base + at + 6 + 8 * 6);
    const nameSize = hex8(base + at + 6 + 8 * 11);
    if (fileSize === 0xffffffff || nameSize === 0xffffffff || nameSize === 0) return false;
    const nameAt = at + 110;
    const dataAt = u64(nameAt) + u64(nameSize) + u64(pad4(110 + nameSize));
    if (dataAt + u64(fileSize) > u64(size)) return false;
    if (bytesEqual(base + nameAt, nameSize - 1, "TRAILER!!!")) return false;
    if (nameSize - 1 === want && bytesEqual(base + nameAt, want, name)) {
      out.data = base + u32(dataAt);
      out.size = fileSize;
      return true;
    }
    at = u32(dataAt) + fileSize + pad4(fileSize);
  }
  return false;
}
