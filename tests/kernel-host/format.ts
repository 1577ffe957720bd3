// kernel/format.ts: every conversion, width and flag, 64-bit values, and the
// markers for a conversion with no value or an unknown one.

import { bytesEqual } from "../../kernel/cstr";
import { format, fmtStr, hi64, lo64 } from "../../kernel/format";
import { hasOptionPrefix } from "../../kernel/cmdline";
import { expect, expectU32, literalAddress, suite } from "./check";

const out: Arr<u8, 512> = zeroed();
let length: u32 = 0;
const args: Arr<u32, 8> = zeroed();

function sink(address: usize, n: u32): void {
  const p = ptr<u8>(address);
  for (let i: u32 = 0; i < n; i++) {
    if (length < 511) out[length] = p[i];
    length++;
  }
}

/** Formats with `count` values from args and compares the output with `want`. */
function check(fmt: CStr, count: u32, want: CStr, errors: u32): void {
  length = 0;
  const e = format(sink, fmt, args, count);
  out[length < 511 ? length : 511] = 0;
  expect(bytesEqual(addr(out), length, want), fmt);
  if (!bytesEqual(addr(out), length, want)) {
    // Where it differs, as byte values (the host prelude writes literals only).
    const w = ptr<u8>(literalAddress(want));
    let i: u32 = 0;
    while (i < length && i < 511 && out[i] === w[i]) i++;
    write("  first difference at byte ");
    print(i);
    write("  got ");
    print(i < length ? out[i] : 0);
    write("  want ");
    print(w[i]);
  }
  expectU32(e, errors, "format error count");
}

function set(a: u32, b: u32, c: u32, d: u32): void {
  args[0] = a;
  args[1] = b;
  args[2] = c;
  args[3] = d;
}

export function testFormat(): void {
  suite("format");
  set(0, 0, 0, 0);
  check("plain text, no conversions", 0, "plain text, no conversions", 0);
  check("100%% sure", 0, "100% sure", 0);
  set(42, 0xdeadbeef, 0, 7);
  check("%u %x", 2, "42 deadbeef", 0);
  check("[%08x]", 1, "[0000002a]", 0);
  check("[%5u] [%-5u] [%05u]", 3, "[   42] [3735928559] [00000]", 0);
  set(0, 0, 0, 0);
  check("%u %x %08x", 3, "0 0 00000000", 0);
  set(0xffffffff, 0xffffffff, lo64(0x100000000n), hi64(0x100000000n));
  check("%lx %lx", 4, "ffffffffffffffff 100000000", 0);
  check("%lu", 2, "18446744073709551615", 0);
  check("%ld", 2, "-1", 0);
  check("[%016lx]", 4, "[ffffffffffffffff]", 0);
  check("%u %x", 2, "4294967295 ffffffff", 0);
  check("%d", 1, "-1", 0);
  check("%lx", 1, "%!lx(missing)", 1);
  check("%ls", 2, "%!ls", 1);
  set(lo64(0x8000000000000000n), hi64(0x8000000000000000n), 0, 0);
  check("%ld", 2, "-9223372036854775808", 0);
  set(u32(-5), 0x80000000, 12, 0);
  check("%d %d %d", 3, "-5 -2147483648 12", 0);
  check("[%6d]", 1, "[    -5]", 0);
  check("[%06d]", 1, "[-00005]", 0);
  check("[%-6d]", 1, "[-5    ]", 0);
  set(fmtStr("e820"), 0x41, fmtStr(""), 0);
  check("%s:%c:%s.", 3, "e820:A:.", 0);
  set(fmtStr("e820"), fmtStr("e820"), 0, 0);
  check("[%-6s][%6s]", 2, "[e820  ][  e820]", 0);
  check("[%3c][%-3c]", 0, "[%!c(missing)][%!c(missing)]", 2);
  set(1, 2, 3, 0);
  check("%u %u %u %u", 3, "1 2 3 %!u(missing)", 1);
  check("%q and %u", 1, "%!q and 1", 1);
  check("ends in %", 0, "ends in %!(end)", 1);
  check("ends in %08", 0, "ends in %!(end)", 1);
  set(0x2a, 0, 0, 0);
  // A width past 64 is cut to 64, not turned into a long loop or a wrap.
  check("%99999999999u|", 1, "                                                              42|", 0);
  set(0x41, 0x42, 0, 0);
  check("[%3c][%-3c]", 2, "[  A][B  ]", 0);
  // Eight values, the most a line takes.
  args[4] = 5;
  args[5] = 6;
  args[6] = 7;
  args[7] = 8;
  set(1, 2, 3, 4);
  check("%u%u%u%u%u%u%u%u", 8, "12345678", 0);
  check("%u%u%u%u%u%u%u%u%u", 8, "12345678%!u(missing)", 1);

  suite("cmdline-prefix");
  expect(hasOptionPrefix(literalAddress("a loglevel=debug b"), "loglevel="), "a word with the prefix");
  expect(hasOptionPrefix(literalAddress("loglevel="), "loglevel="), "the prefix alone is a word with it");
  expect(!hasOptionPrefix(literalAddress("xloglevel=debug"), "loglevel="), "the prefix must start the word");
  expect(!hasOptionPrefix(literalAddress("loglevel"), "loglevel="), "shorter than the prefix");
  expect(!hasOptionPrefix(literalAddress(""), "loglevel="), "empty line");
}
