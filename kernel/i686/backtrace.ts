// Walking the kernel stack by its saved frame pointers (the kernel is
// compiled with -fno-omit-frame-pointer): at [ebp] the caller's ebp, at
// [ebp + 4] the return address into the caller (i386 System V).
// tsuki: optimize for size

/**
 * Stores up to `max` return addresses, innermost first, of the frames from
 * `ebp` up, and returns how many. It stops at a frame pointer outside
 * [low, high) (the stack it may read), misaligned, or not above the last one
 * (the outermost frame has ebp 0), so a corrupt chain ends the walk instead
 * of faulting.
 */
export function backtrace(ebp: u32, low: u32, high: u32, out: Ptr<u32>, max: u32): u32 {
  let n: u32 = 0;
  let fp = ebp;
  // fp < high first: with fp above high, high - fp would wrap to a huge number.
  while (n < max && fp >= low && fp < high && high - fp >= 8 && (fp & 3) === 0) {
    const ret = volatileLoad32(fp + 4);
    if (ret === 0) break;
    out[n] = ret;
    n++;
    const next = volatileLoad32(fp);
    if (next <= fp) break;
    fp = next;
  }
  return n;
}
