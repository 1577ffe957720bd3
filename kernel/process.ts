// Processes: an address space, the rights its threads have, and a count of
// its threads. Types only (and the rights check), so kernel/thread.ts can
// name a thread's process and the host tests can compile both; making,
// filling and ending processes is kernel/processes.ts, and the system calls
// that do it for user space kernel/sysproc.ts. A thread belongs to at most
// one process (kernel threads to none).

import { DescriptorTable } from "./descriptors";
import { AddressSpace } from "./mm/space";
import { Thread } from "./thread";

/** May power the machine off (the process manager's). */
export const RIGHT_POWER_OFF: u32 = 1;

export interface Process {
  id: u32;
  name: CStr;
  space: AddressSpace;
  rights: u32;
  /** Threads started in it that have not ended: 0 means the process has ended. */
  threads: u32;
  /** The kernel objects it may name in system calls (kernel/descriptors.ts). */
  descriptors: Inline<DescriptorTable>;
}

/** True if thread `t` belongs to a process holding `right`. */
export function processMay(t: Thread, right: u32): bool {
  const p = t.process;
  return p !== null && (p.rights & right) === right;
}
