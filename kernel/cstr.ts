// NUL-terminated strings: string literals (CStr) and strings in memory (an
// address). The only place that looks at the bytes of a CStr.

/** The bytes of a string literal. */
export function cstrBytes(s: CStr): Ptr<u8> {
  return ptr<u8>(addr(s));
}

export function cstrLength(s: CStr): u32 {
  const bytes = cstrBytes(s);
  let n: u32 = 0;
  while (bytes[n] !== 0) n++;
  return n;
}

/** True if the `length` bytes at `address` are exactly the literal `s`. */
export function bytesEqual(address: usize, length: u32, s: CStr): bool {
  if (length !== cstrLength(s)) return false;
  const a = ptr<u8>(address);
  const b = cstrBytes(s);
  for (let i: u32 = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}
