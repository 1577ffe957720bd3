// Tiny assertion helpers for the host test drivers of kernel logic. A failed
// check prints one `FAIL` line; main() returns the number of failures as the
// exit status, and tests/kernel-host.test.ts shows the output. expectCall
// checks the machine log, for kernel modules that use privileged instructions.

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

/**
 * Entry `i` of the machine log (what the module under test did to the ports,
 * control registers, descriptor tables and MSRs, recorded on the host) is
 * instruction `op` (machineOp("outb")...) with this operand and value.
 */
export function expectCall(i: u32, op: u32, arg: u32, value: u64, what: CStr): void {
  checks++;
  if (i >= machineLogLength()) {
    failures++;
    write("FAIL ");
    write(what);
    write(": no such call, the machine log holds ");
    print(machineLogLength());
    return;
  }
  const c = machineLogEntry(i);
  if (c.op === op && c.arg === arg && c.value === value) return;
  failures++;
  write("FAIL ");
  write(what);
  write(": got ");
  write(c.name);
  write(" ");
  print(c.arg);
  write("  value ");
  print(c.value);
  write("  want arg ");
  print(arg);
  write("  value ");
  print(value);
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
