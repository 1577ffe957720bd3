// Kernel code as a kernel author writes it (issue 12), driven on the host:
// the modules next to this one also compile unchanged for --target kernel
// (tests/compiler-kernel.test.ts), and their privileged instructions are
// recorded on the host (docs/subset.md, "Testing code near the hardware").
import { Pte, map, unmap, translate, hasFlags, tablesUsed, pageBase } from "./pagemap";
import { Queue, Thread, ThreadState, best, dequeue, enqueue, remove, stateOf } from "./runqueue";
import { SYSCALL_VECTOR, dispatch, entry, gateFlags, gateTarget, install, register, tableBase } from "./idt";

const q: Queue = zeroed();
const threads: Arr<Thread, 4> = zeroed();

function pageFault(vector: u32, error: u32): u32 { return u32(vector * 1000 + error); }
function syscall(vector: u32, error: u32): u32 { return u32(vector + error + 1); }

function pages(): void {
  print(map(0x08000000, 0x00200123, Pte.Writable | Pte.User));
  print(map(0x08001000, 0x00201000, Pte.User));
  print(map(0xc0000000, 0x00100000, Pte.Global));
  print(tablesUsed());
  print(translate(0x08000abc));
  print(translate(0xc0000fff));
  print(hasFlags(0x08000000, Pte.Present | Pte.Writable));
  print(hasFlags(0x08001000, Pte.Writable));
  print(pageBase(0x12345fff));
  const before = machineLogLength();
  unmap(0x08001000);
  print(translate(0x08001000));
  const inv = machineLogEntry(before);
  print(machineLogLength() - before);
  print(inv.op === machineOp("invlpg"));
  print(inv.arg);
}

function queue(): void {
  for (let i: u32 = 0; i < threads.length; i++) {
    const t = threads[i];
    t.id = i + 1;
    t.priority = u8(i * 7 % 4);
    enqueue(q, t);
  }
  print(q.count);
  const b = best(q);
  print(b === null ? 0 : b.id);
  remove(q, threads[1]);
  const first = dequeue(q);
  print(first === null ? 0 : first.id);
  print(first !== null && stateOf(first) === ThreadState.Running);
  print(stateOf(threads[2]) === ThreadState.Ready);
  let order: u32 = 0;
  for (let t = dequeue(q); t !== null; t = dequeue(q)) order = u32(order * 10 + t.id);
  print(order);
  print(q.count);
  print(q.head === null && q.tail === null);
}

function interrupts(): void {
  machineReset();
  install();
  register(14, pageFault);
  register(SYSCALL_VECTOR, syscall);
  print(dispatch(14, 2));
  print(dispatch(SYSCALL_VECTOR, 5));
  print(dispatch(3, 0));
  print(gateTarget(0) === addr(entry));
  print(gateFlags(0));
  print(gateFlags(SYSCALL_VECTOR));
  print(machineLogLength());
  const l = machineLogEntry(0);
  print(l.op === machineOp("lidt"));
  print(l.arg === tableBase());
  print(l.value);
}

export function main(): i32 {
  pages();
  queue();
  interrupts();
  return 0;
}
