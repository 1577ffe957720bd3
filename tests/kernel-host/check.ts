// Tiny assertion helpers for the host test drivers of kernel logic. A failed
// check prints one `FAIL` line; main() returns the number of failures as the
// exit status, and tests/kernel-host.test.ts shows the output.

import { cstrBytes } from "../../kernel/cstr";

let checks: u32 = 0;
let failures: u32 = 0;

export function suite(name: CStr): void {
  write("suite ");
  write(name);
  write("\n");
}

export function expect(ok: bool, what: CStr): void {
  checks++;
  if (ok) return;
  failures++;
  write("FAIL ");
  write(what);
  write("\n");
}

export function expectU32(got: u32, want: u32, what: CStr): void {
  checks++;
  if (got === want) return;
  failures++;
  write("FAIL ");
  write(what);
  write(": got ");
  print(got);
  write("  want ");
  print(want);
}

export function expectU64(got: u64, want: u64, what: CStr): void {
  checks++;
  if (got === want) return;
  failures++;
  write("FAIL ");
  write(what);
  write(": got ");
  print(got);
  write("  want ");
  print(want);
}

/** The address of a string literal's bytes (a NUL-terminated string in memory). */
export function literalAddress(s: CStr): usize {
  return addr(cstrBytes(s));
}

export function summary(): i32 {
  write("checks ");
  print(checks);
  write("failures ");
  print(failures);
  return i32(failures);
}
