// test=memory: the process maps every page it is allowed (Map refuses pages,
// and the page tables they need, that would reach into the kernel's
// reserve), writes a pattern unique to each page, reads them all back,
// unmaps them, and the free count must return to where it was.
// tsuki: optimize for size

import { MAP_WRITABLE } from "../kernel/abi";
import { fmtStr } from "../kernel/format";
import { print3, print4 } from "../lib/console";
import { sysFreeMemory, sysMap, sysUnmap } from "../lib/sys";

/** Where the pages go: from 256 MiB up to the stack's region. */
const BASE: u32 = 0x10000000;
const LIMIT: u32 = 0xf0000000;
const CHUNK: u32 = 256;

export function memoryTest(): bool {
  const t = "memory";
  const start = sysFreeMemory();
  let mapped: u32 = 0;
  // Map in chunks until the kernel says no (its page tables take frames too).
  // When a chunk does not fit (its page tables count too), halve it, down to one page.
  let want = CHUNK;
  for (let va = BASE; va < LIMIT && want !== 0; ) {
    const r = sysMap(va, want, MAP_WRITABLE);
    if (r < 0) {
      want = want >>> 1;
      continue;
    }
    mapped += u32(r);
    va += u32(r) * 0x1000;
  }
  if (mapped === 0) {
    print3("test %s: FAIL %s (%d)\n", fmtStr(t), fmtStr("no page could be mapped"), 0);
    return false;
  }
  for (let i: u32 = 0; i < mapped; i++) volatileStore32(BASE + i * 0x1000 + ((i * 4) & 0xffc), i ^ 0xa5a5a5a5);
  let bad: u32 = 0;
  for (let i: u32 = 0; i < mapped; i++) {
    if (volatileLoad32(BASE + i * 0x1000 + ((i * 4) & 0xffc)) !== (i ^ 0xa5a5a5a5)) bad++;
    if (volatileLoad32(BASE + i * 0x1000 + (((i * 4) + 8) & 0xffc)) !== 0) bad++; // fresh pages are zero
  }
  const left = sysFreeMemory();
  // Unmap takes at most MAP_PAGES_MAX pages a call: the same chunks as Map.
  let unmapped: i32 = 0;
  for (let done: u32 = 0; done < mapped; done += CHUNK) {
    const r = sysUnmap(BASE + done * 0x1000, mapped - done < CHUNK ? mapped - done : CHUNK);
    if (r < 0) {
      unmapped = r;
      break;
    }
    unmapped += r;
  }
  const end = sysFreeMemory();
  if (bad !== 0 || unmapped !== i32(mapped) || end !== start) {
    print4("test %s: FAIL %u bad words, %u unmapped, free pages %u after", fmtStr(t), bad, u32(unmapped), u32(end));
    print3(" (%u at start, %u mapped, %s)\n", u32(start), mapped, fmtStr("must come back"));
    return false;
  }
  print4("test %s: ok (%u pages mapped, written and read back; %u free while mapped, %u after)\n", fmtStr(t), mapped, u32(left), u32(end));
  return true;
}
