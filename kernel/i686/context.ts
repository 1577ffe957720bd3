// A thread's machine context while it is not running: the word switch.S
// saves and restores, and what the switch must load with it. Types only, so
// kernel/thread.ts (and the host tests of the run queue) can hold one; the
// code that builds and switches contexts is kernel/i686/switch.ts.

/** A thread's machine state while it is not running. */
export interface Context {
  /** The saved kernel stack pointer (switch.S's frame is there). */
  esp: u32;
  /** The physical address of the page directory the thread runs on. */
  directory: u32;
  /** The top of its kernel stack: the TSS's esp0 while it runs. */
  stackTop: u32;
}
