// What a user program knows when it starts: its arguments, its environment
// and the auxiliary vector, read from the System V initial stack the kernel
// built (kernel/userstack.ts). programStart() also chooses the system-call
// entry the kernel offered (AT_TSUKI_SYSCALL).

import { AT_NULL, AT_TSUKI_SYSCALL, SYSCALL_SYSENTER } from "../kernel/abi";
import { bytesEqual } from "../kernel/cstr";
import { sysUseSysenter } from "./sys";

export interface ProgramArgs {
  argc: u32;
  /** argv[0..argc): addresses of NUL-terminated strings. */
  argv: Ptr<u32>;
  envc: u32;
  envp: Ptr<u32>;
  /** (type, value) pairs up to AT_NULL. */
  auxv: Ptr<u32>;
}

/** Reads the initial stack at `sp` (what _start passed) into `a` and sets up system calls. */
export function programStart(sp: u32, a: ProgramArgs): void {
  const words = ptr<u32>(sp);
  a.argc = words[0];
  a.argv = ptr<u32>(sp + 4);
  let i = 1 + a.argc + 1;
  a.envp = ptr<u32>(sp + i * 4);
  let envc: u32 = 0;
  while (words[i] !== 0) {
    envc++;
    i++;
  }
  a.envc = envc;
  a.auxv = ptr<u32>(sp + (i + 1) * 4);
  sysUseSysenter(auxValue(a, AT_TSUKI_SYSCALL) === SYSCALL_SYSENTER);
}

/** The value of auxiliary-vector entry `type`, or 0 if there is none. */
export function auxValue(a: ProgramArgs, type: u32): u32 {
  for (let i: u32 = 0; a.auxv[2 * i] !== AT_NULL; i++) if (a.auxv[2 * i] === type) return a.auxv[2 * i + 1];
  return 0;
}

function length(address: usize): u32 {
  const p = ptr<u8>(address);
  let n: u32 = 0;
  while (p[n] !== 0) n++;
  return n;
}

/** True if the environment holds exactly the word `word` (e.g. "test=ipc"). */
export function hasEnv(a: ProgramArgs, word: CStr): bool {
  for (let i: u32 = 0; i < a.envc; i++) if (bytesEqual(a.envp[i], length(a.envp[i]), word)) return true;
  return false;
}

/** True if some environment word starts with `prefix` (e.g. "test="). */
export function hasEnvPrefix(a: ProgramArgs, prefix: CStr): bool {
  const want = length(addr(prefix));
  for (let i: u32 = 0; i < a.envc; i++) if (length(a.envp[i]) >= want && bytesEqual(a.envp[i], want, prefix)) return true;
  return false;
}

/** The decimal number after `prefix` in an environment word (e.g. "fuzzseed=42"), or `fallback`. */
export function envNumber(a: ProgramArgs, prefix: CStr, fallback: u32): u32 {
  const want = length(addr(prefix));
  for (let i: u32 = 0; i < a.envc; i++) {
    const w = a.envp[i];
    const n = length(w);
    if (n <= want || !bytesEqual(w, want, prefix)) continue;
    const digits = ptr<u8>(w + want);
    let v: u32 = 0;
    let k: u32 = 0;
    for (; k < n - want; k++) {
      if (digits[k] < 0x30 || digits[k] > 0x39) return fallback;
      v = v * 10 + (digits[k] - 0x30);
    }
    return v;
  }
  return fallback;
}
