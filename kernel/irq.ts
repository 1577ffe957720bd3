// Interrupt requests: which handler runs for which PIC line, and the
// bookkeeping every request needs (spurious ones recognised and not
// acknowledged, end-of-interrupt after the handler), and the exit hook that
// runs after the end-of-interrupt -- the scheduler's preemption point, where
// a switch to another thread no longer holds the PIC's in-service bit.
// Lines stay masked until a handler is attached.

import { picEndOfInterrupt, picInit, picSpurious, picUnmask } from "./i686/pic";
import { IRQ_LINES } from "./i686/vectors";

export type IrqHandler = () => void;

const handlers: Arr<IrqHandler | null, 16> = zeroed();
let exitHook: IrqHandler | null = null;
/** Requests the PICs raised with nothing in service (lines 7 and 15). */
let spurious: u32 = 0;
/** Requests on a line with no handler (masked lines cannot raise them). */
let unhandled: u32 = 0;

/** The PICs remapped past the exceptions, every line masked. */
export function irqInit(): void {
  picInit();
}

/** Runs `h` for every request on `line` and unmasks the line. */
export function irqAttach(line: u32, h: IrqHandler): void {
  handlers[line] = h;
  picUnmask(line);
}

/** Called by the trap dispatcher for vectors IRQ_BASE..IRQ_BASE + 15, interrupts off. */
export function onInterrupt(line: u32): void {
  if (line >= IRQ_LINES) return;
  if (picSpurious(line)) {
    spurious++;
    return;
  }
  const h = handlers[line];
  if (h !== null) h();
  else unhandled++;
  picEndOfInterrupt(line);
  const x = exitHook;
  if (x !== null) x();
}

/**
 * Runs `h` at the end of every interrupt request, after its end-of-interrupt
 * and still with interrupts off: it may switch threads.
 */
export function irqSetExitHook(h: IrqHandler): void {
  exitHook = h;
}

export function spuriousInterrupts(): u32 { return spurious; }
export function unhandledInterrupts(): u32 { return unhandled; }
