// Where the boot's cycles go: every cycle from setup32's entry to the
// process manager's start is charged to exactly one account, so that the
// accounts add up to the total (kernel/procstart.ts prints them, `npm run
// bench` reads them; under QEMU's `-icount shift=0` a cycle is an
// instruction, docs/performance.md). Pure bookkeeping: no output of its own,
// so the logger can charge its output here.
//
// The boot runs through phases in order (bootPhase moves to the next one);
// console output and self-checks happen in every phase, so they are
// accounts of their own, entered and left around the work (bootCostBegin /
// bootCostEnd) and nesting: the output of a self-check is output. Whenever
// the current account changes, the cycles since the last change are charged
// to the account that was current.

import { cycles } from "./i686/machine";
import { lo64 } from "./format";

export const enum BootCost {
  Setup32 = 0,
  Consoles,
  CpuTables,
  MemoryMaps,
  Allocators,
  PageTables,
  FirstThread,
  ProcessManagerLoad,
  SelfChecks,
  Output,
}
/** How deep bootCostBegin may nest (output inside a self-check inside a phase). */
const MAX_DEPTH: u32 = 4;

/** Cycles charged to each account (indexed by BootCost). */
const charged: Arr<u64, 10> = zeroed();
/** The accounts bootCostBegin left, innermost last; depth 0 means a phase is current. */
const saved: Arr<u8, 4> = zeroed();
let depth: u32 = 0;
let current: BootCost = BootCost.Setup32;
let since: u64 = 0n;
let entry: u64 = 0n;
/** Set once the report is printed: later output is not the boot's. */
let finished = false;

function charge(): void {
  const now = cycles();
  charged[current] += now - since;
  since = now;
}

/** Starts the accounts: setup32 ran from `setup32Entry` (its rdtsc, boot_info.entry_tsc) to now. */
export function bootCostStart(setup32Entry: u64): void {
  for (let i: u32 = 0; i < 10; i++) charged[i] = 0n;
  depth = 0;
  entry = setup32Entry;
  since = setup32Entry;
  current = BootCost.Setup32;
  charge();
  current = BootCost.Consoles;
}

/** The boot moves on to phase `next` (a phase, not SelfChecks or Output). */
export function bootPhase(next: BootCost): void {
  if (finished) return;
  charge();
  // Inside a nested account the phase changes underneath it: the account
  // returns to the new phase when it ends.
  if (depth === 0) current = next;
  else saved[0] = u8(next);
}

/** Charges what follows to `kind` until bootCostEnd. */
export function bootCostBegin(kind: BootCost): void {
  if (finished) return;
  charge();
  // Deeper than MAX_DEPTH the account to return to is not kept: the inner
  // work is then charged to the account it nests in.
  if (depth < MAX_DEPTH) {
    saved[depth] = u8(current);
    current = kind;
  }
  depth++;
}

export function bootCostEnd(): void {
  if (finished || depth === 0) return;
  charge();
  depth--;
  if (depth < MAX_DEPTH) current = u8(saved[depth]) as BootCost;
}

/** Stops counting (later output is not the boot's) and returns the cycles from setup32's entry to now. */
export function bootCostFinish(): u64 {
  charge();
  finished = true;
  return since - entry;
}

/** What account `kind` was charged (read after bootCostFinish). */
export function bootCostCharged(kind: BootCost): u32 {
  // In 32 bits: a boot phase is far below 2^32 cycles.
  return lo64(charged[kind]);
}

/** The cycle count at setup32's entry. */
export function bootCostEntry(): u64 {
  return entry;
}
