// The kernel's one formatter: a format string and up to FORMAT_ARGS values,
// written to a sink in runs of bytes. Pure (no device, no state), so the host
// tests run it (tests/kernel-host/format.ts) and kernel/log.ts is its only
// kernel caller.
//
// A conversion is `%[-][0][width][l]C`:
//
//   %u  unsigned decimal          %d  signed decimal (the value read as i32)
//   %x  lower-case hexadecimal    %c  one byte
//   %s  the NUL-terminated string at the address the value holds (fmtStr)
//   %%  a '%'
//
// `width` (at most 64) pads on the left with spaces, or with zeros after `0`
// (`%08x`), or on the right after `-` (`%-10s`). Values are u32s (u8, u16 and
// enums widen to it; i32 needs `u32(x)`, and `%d` reads it back signed;
// a string literal goes through fmtStr()). `l` makes a 64-bit conversion
// (`%016lx`, `%lu`, `%ld`) that takes two values, the low then the high half:
// `lo64(v), hi64(v)`. A conversion with no
// value left prints `%!C(missing)` and an unknown one `%!C` (taking no value): a bad format
// string shows where it is wrong instead of printing nothing. A test
// (tests/logformat.test.ts) checks every kernel call's string against its
// arity, so those markers are for strings built at run time.

import { cstrBytes } from "./cstr";

/**
 * Where formatted text goes: `length` bytes at `address`, in order. Literal
 * text, numbers and strings arrive as whole runs, so that a sink copies
 * them in one step instead of taking a call per byte.
 */
export type TextSink = (address: usize, length: u32) => void;

/** The most values one line takes (a register line of a panic report has 8). */
export const FORMAT_ARGS: u32 = 8;
const MAX_WIDTH: u32 = 64;

const HEX_DIGITS: CStr = "0123456789abcdef";
// What padding copies from: MAX_WIDTH spaces and MAX_WIDTH zeros.
const SPACES: CStr = "                                                                ";
const ZEROS: CStr = "0000000000000000000000000000000000000000000000000000000000000000";

/** A string literal as a format value, for `%s`. */
export function fmtStr(s: CStr): usize {
  return addr(s);
}

/** The low half of a 64-bit value, the first of the two that `%lx` takes. */
export function lo64(v: u64): u32 {
  return u32(v & 0xffffffffn);
}

/** The high half of a 64-bit value, the second of the two that `%lx` takes. */
export function hi64(v: u64): u32 {
  return u32(v >> 32n);
}

/** Bytes before the NUL at `address`. */
function textLength(address: usize): u32 {
  const bytes = ptr<u8>(address);
  let n: u32 = 0;
  while (bytes[n] !== 0) n++;
  return n;
}

function writeString(out: TextSink, s: CStr): void {
  out(fmtStr(s), textLength(fmtStr(s)));
}

function putByte(out: TextSink, b: u8): void {
  const one: Arr<u8, 4> = zeroed();
  one[0] = b;
  out(addr(one), 1);
}

/** `n` (at most MAX_WIDTH) spaces, or zeros. */
function pad(out: TextSink, zero: bool, n: u32): void {
  if (n !== 0) out(fmtStr(zero ? ZEROS : SPACES), n);
}

/**
 * v / 10 into `q` (q[0] high half, q[1] low half), remainder returned: long
 * division over 16-bit pieces, each step 32-bit (the remainder is below 10,
 * so remainder << 16 | piece fits). No libgcc: its 64-bit division is
 * compiled for newer CPUs than the i586 baseline (endbr32).
 */
function divideBy10(high: u32, low: u32, q: Arr<u32, 2>): u32 {
  let r: u32 = 0;
  let qh: u32 = 0;
  let ql: u32 = 0;
  for (let i: u32 = 0; i < 4; i++) {
    const piece = i < 2 ? (high >>> (16 - i * 16)) & 0xffff : (low >>> (48 - i * 16)) & 0xffff;
    const n = (r << 16) | piece;
    const d = u32(n / 10);
    r = n - d * 10;
    if (i < 2) qh = (qh << 16) | d;
    else ql = (ql << 16) | d;
  }
  q[0] = qh;
  q[1] = ql;
  return r;
}

/** Digits of v in `base` (10 or 16) into `digits`, least significant first; returns how many. */
function toDigits(v: u64, base: u32, digits: Arr<u8, 24>): u32 {
  const hex = cstrBytes(HEX_DIGITS);
  let high = u32(v >> 32n);
  let low = u32(v & 0xffffffffn);
  let n: u32 = 0;
  if (base === 16) {
    do {
      digits[n] = hex[low & 0xf];
      low = (low >>> 4) | (high << 28);
      high = high >>> 4;
      n++;
    } while (high !== 0 || low !== 0);
    return n;
  }
  const q: Arr<u32, 2> = zeroed();
  while (high !== 0) {
    digits[n] = hex[divideBy10(high, low, q)];
    high = q[0];
    low = q[1];
    n++;
  }
  // 32-bit division once the value fits.
  do {
    digits[n] = hex[low % 10];
    low = u32(low / 10);
    n++;
  } while (low !== 0);
  return n;
}

/** A number with its sign, padded to `width` as the flags say. */
function putNumber(out: TextSink, v: u64, base: u32, negative: bool, width: u32, zeros: bool, left: bool): void {
  const digits: Arr<u8, 24> = zeroed();
  const n = toDigits(v, base, digits);
  // Most significant first, for one run.
  for (let i: u32 = 0; i < n >>> 1; i++) {
    const d = digits[i];
    digits[i] = digits[n - 1 - i];
    digits[n - 1 - i] = d;
  }
  const length = n + (negative ? 1 : 0);
  const fill = width > length ? width - length : 0;
  if (!left && !zeros) pad(out, false, fill);
  if (negative) putByte(out, 0x2d);
  if (!left && zeros) pad(out, true, fill);
  out(addr(digits), n);
  if (left) pad(out, false, fill);
}

function putText(out: TextSink, address: usize, width: u32, left: bool): void {
  const n = textLength(address);
  const fill = width > n ? width - n : 0;
  if (!left) pad(out, false, fill);
  if (n !== 0) out(address, n);
  if (left) pad(out, false, fill);
}

/**
 * Writes `fmt` to `out` with `args[0..count)` for its conversions, in
 * order. Returns the number of conversions that found no value or were not
 * understood (0 for a good call).
 */
export function format(out: TextSink, fmt: CStr, args: Readonly<Arr<u32, 8>>, count: u32): u32 {
  const f = cstrBytes(fmt);
  let next: u32 = 0;
  let errors: u32 = 0;
  let i: u32 = 0;
  while (f[i] !== 0) {
    if (f[i] !== 0x25) {
      // A run of literal text, up to the next conversion or the end.
      let end = i + 1;
      while (f[end] !== 0 && f[end] !== 0x25) end++;
      out(fmtStr(fmt) + i, end - i);
      i = end;
      continue;
    }
    i++;
    let left = false;
    let zeros = false;
    let width: u32 = 0;
    if (f[i] === 0x2d) {
      left = true;
      i++;
    }
    if (f[i] === 0x30) {
      zeros = true;
      i++;
    }
    while (f[i] >= 0x30 && f[i] <= 0x39) {
      if (width <= MAX_WIDTH) width = width * 10 + (f[i] - 0x30);
      i++;
    }
    if (width > MAX_WIDTH) width = MAX_WIDTH;
    let wide = false;
    if (f[i] === 0x6c) {
      wide = true;
      i++;
    }
    const conv = f[i];
    if (conv === 0) {
      writeString(out, "%!(end)");
      errors++;
      break;
    }
    i++;
    if (conv === 0x25 && !wide) {
      putByte(out, 0x25);
      continue;
    }
    const numeric = conv === 0x75 || conv === 0x64 || conv === 0x78;
    const known = numeric || (!wide && (conv === 0x73 || conv === 0x63));
    const need: u32 = wide ? 2 : 1;
    if (!known || next + need > count || next + need > FORMAT_ARGS) {
      writeString(out, "%!");
      if (wide) putByte(out, 0x6c);
      putByte(out, conv);
      if (known) writeString(out, "(missing)");
      errors++;
      continue;
    }
    let v = u64(args[next]);
    if (wide) v = v | (u64(args[next + 1]) << 32n);
    next += need;
    if (conv === 0x75) putNumber(out, v, 10, false, width, zeros, left);
    else if (conv === 0x78) putNumber(out, v, 16, false, width, zeros, left);
    else if (conv === 0x64) {
      // Signed: the 32 or 64 bits read as two's complement.
      const negative = wide ? i64(v) < 0n : i32(args[next - 1]) < 0;
      const magnitude = !negative ? v : wide ? u64(0n) - v : u64(u32(0) - args[next - 1]);
      putNumber(out, magnitude, 10, negative, width, zeros, left);
    } else if (conv === 0x63) {
      pad(out, false, !left && width > 1 ? width - 1 : 0);
      putByte(out, u8(v & 0xffn));
      pad(out, false, left && width > 1 ? width - 1 : 0);
    } else putText(out, args[next - 1], width, left);
  }
  return errors;
}
