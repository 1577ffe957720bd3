// The PC's interrupt hardware on the recorded machine: the PIT's divisor for
// every rate (including the ones the 16-bit counter cannot hold), the
// PICs' initialisation words, unmasking, and the spurious-interrupt path of
// kernel/irq.ts: a spurious line 7 gets no end-of-interrupt and no handler,
// a spurious line 15 an end-of-interrupt on the master only.

import { irqAttach, irqInit, irqSetExitHook, onInterrupt, spuriousInterrupts } from "../../kernel/irq";
import { picMasks } from "../../kernel/i686/pic";
import { pitStart } from "../../kernel/i686/pit";
import { expect, expectCall, expectU32, suite } from "./check";

let handled: u32 = 0;
let exits: u32 = 0;

function onLine7(): void {
  handled++;
}

function onExit(): void {
  exits++;
}

function divisors(): void {
  const out = machineOp("outb");
  machineReset();
  expectU32(pitStart(100), 11932, "100 Hz: divisor 11932");
  expectCall(0, out, 0x43, 0x36n, "channel 0, lobyte/hibyte, mode 3");
  expectCall(1, out, 0x40, 0x9cn, "low byte of 11932");
  expectCall(2, out, 0x40, 0x2en, "high byte of 11932");
  machineReset();
  expectU32(pitStart(19), 62799, "19 Hz still fits 16 bits");
  machineReset();
  expectU32(pitStart(18), 65536, "18 Hz is slower than the counter can go: the slowest rate");
  expectCall(1, out, 0x40, 0n, "65536 is written as 0 (low byte)");
  expectCall(2, out, 0x40, 0n, "and 0 (high byte)");
  machineReset();
  expectU32(pitStart(1), 65536, "1 Hz: the slowest rate, not a wrapped divisor");
  expectU32(pitStart(0), 65536, "0 Hz: the slowest rate, not a division by zero");
  expectU32(pitStart(1193182), 2, "the input clock: the fastest mode-3 count");
  expectU32(pitStart(0xffffffff), 2, "faster than the input clock: the fastest");
}

function pics(): void {
  const out = machineOp("outb");
  machineReset();
  irqInit();
  expectCall(0, out, 0x20, 0x11n, "ICW1 to the master");
  expectCall(1, out, 0xa0, 0x11n, "ICW1 to the slave");
  expectCall(2, out, 0x21, 0x20n, "the master's lines at vector 0x20");
  expectCall(3, out, 0xa1, 0x28n, "the slave's at 0x28");
  expectCall(4, out, 0x21, 0x04n, "the slave on the master's line 2");
  expectCall(5, out, 0xa1, 0x02n, "the slave's cascade identity");
  expectCall(8, out, 0x21, 0xffn, "every master line masked");
  expectCall(9, out, 0xa1, 0xffn, "every slave line masked");
  expectU32(picMasks(), 0xffff, "all 16 lines masked");
  irqAttach(7, onLine7);
  expectU32(picMasks(), 0xff7f, "attaching line 7 unmasks only it");
  irqAttach(12, onLine7);
  expectU32(picMasks(), 0xef7b, "a slave line unmasks the cascade line 2 too (7 stays unmasked)");
}

function spurious(): void {
  const out = machineOp("outb");
  irqSetExitHook(onExit);
  handled = 0;
  exits = 0;
  const before = spuriousInterrupts();
  machineReset();
  machineFeedPort(0x20, 0x00); // the master's in-service register: line 7 not in service
  onInterrupt(7);
  expectU32(spuriousInterrupts(), before + 1, "line 7 with nothing in service is spurious");
  expectU32(handled, 0, "its handler does not run");
  expectU32(exits, 0, "nor the exit hook");
  expectU32(machineLogLength(), 2, "only the in-service read: no end-of-interrupt");
  expectCall(0, out, 0x20, 0x0bn, "OCW3: read the in-service register");

  machineReset();
  machineFeedPort(0x20, 0x80); // line 7 in service: a real request
  onInterrupt(7);
  expectU32(handled, 1, "a real line-7 request runs the handler");
  expectCall(2, out, 0x20, 0x20n, "and gets an end-of-interrupt");
  expectU32(exits, 1, "then the exit hook runs");

  machineReset();
  machineFeedPort(0xa0, 0x00); // the slave's: line 15 not in service
  onInterrupt(15);
  expectU32(spuriousInterrupts(), before + 2, "line 15 with nothing in service is spurious");
  expectU32(machineLogLength(), 3, "the in-service read and one end-of-interrupt");
  expectCall(0, out, 0xa0, 0x0bn, "the slave's in-service register is read");
  expectCall(2, out, 0x20, 0x20n, "the master, whose cascade line did fire, gets the end-of-interrupt");
  expect(spuriousInterrupts() === before + 2, "no other request counted");
}

export function testPic(): void {
  suite("pic");
  divisors();
  pics();
  spurious();
}
