// The machine side of threads: a thread's saved context (its kernel stack
// pointer, switch.S's frame on top of that stack), building the first frame
// of a new thread, switching to another thread (stack, CR3 and the TSS's
// esp0, which must name the kernel stack of whoever runs in case it enters
// ring 3), and saving and restoring the interrupt flag around the
// scheduler's critical sections.
//
// The kernel (kernel/sched.ts) decides who runs; this file only makes it
// so, and calls the start routine the kernel registered when a new thread
// first runs.

import { Context } from "./context";
import { userSetKernelStack } from "./user";

/** What switch.S pushes below the return address: edi, esi, ebx, ebp. */
const SAVED_REGISTERS: u32 = 4;

export type ContextStart = () => void;

declare function context_switch(save: usize, nextEsp: u32, nextCr3: u32): void;
declare const context_entry: u8;
declare function interrupts_save(): u32;
declare function interrupts_restore(eflags: u32): void;

let onStart: ContextStart | null = null;

/** The routine every new thread runs first, with interrupts off (it never returns). */
export function contextSetStart(h: ContextStart): void {
  onStart = h;
}

/**
 * Prepares `c` to run a new thread on the stack whose top is `stackTop`
 * (16-byte aligned, mapped): its first switch returns to context_entry with
 * every saved register 0, so the frame-pointer chain ends there.
 */
export function contextInit(c: Context, stackTop: u32, directory: u32): void {
  const sp = stackTop - (SAVED_REGISTERS + 2) * 4;
  const words = ptr<u32>(sp);
  for (let i: u32 = 0; i < SAVED_REGISTERS; i++) words[i] = 0;
  words[SAVED_REGISTERS] = addr(context_entry);
  words[SAVED_REGISTERS + 1] = 0; // where context_entry's caller would have been: nothing
  c.esp = sp;
  c.directory = directory;
  c.stackTop = stackTop;
}

/**
 * Runs `next` and saves the running thread's state in `prev`; returns when
 * some later switch runs `prev` again. Interrupts must be off.
 */
export function contextSwitch(prev: Context, next: Context): void {
  userSetKernelStack(next.stackTop);
  context_switch(addr(prev) + offsetOf<Context>("esp"), next.esp, next.directory);
}

/** Called by context_entry (switch.S) on a new thread's stack. */
export function contextStarted(): void {
  const h = onStart;
  if (h !== null) h();
}

/** Interrupts off; returns what to give interruptsRestore() to put them back as they were. */
export function interruptsSave(): u32 {
  return interrupts_save();
}

export function interruptsRestore(flags: u32): void {
  interrupts_restore(flags);
}
