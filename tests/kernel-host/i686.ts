// The i686 machine layer's own files (kernel/i686/mmu.ts, serial.ts, gdt.ts)
// on the host's recorded machine: the control-register sequence that turns
// paging on, the UART programming and transmit wait, and the GDT load with its
// segment reloads, checked call by call in the machine log.

import { backtrace } from "../../kernel/i686/backtrace";
import { KERNEL_CODE, KERNEL_DATA, TSS_KERNEL, gdtInit, gdtSetTss } from "../../kernel/i686/gdt";
import { currentDirectory, pagingEnable, pagingEnabled, writeProtected } from "../../kernel/i686/mmu";
import { serialDropped, serialInit, serialPutByte, serialSetPatience } from "../../kernel/i686/serial";

/** A patience the recorded machine can log (it stops at 16,384 calls). */
const SERIAL_POLLS: u32 = 4096;
import { expect, expectCall, expectU32, expectU64, suite } from "./check";

const CR0_PE_ET: u32 = 0x11; // protected mode, as setup32 leaves it
const CR0_PG: u32 = 0x80000000;
const CR0_WP: u32 = 0x10000;
const CR4_PGE: u32 = 0x80;

function pagingOn(): void {
  machineReset();
  machineSetCr(0, CR0_PE_ET);
  expect(!pagingEnabled(), "paging is off at first");
  expect(!writeProtected(), "CR0.WP is clear at first");
  machineReset();
  machineSetCr(0, CR0_PE_ET);
  pagingEnable(0x119000, true);
  expectU32(machineLogLength(), 5, "pagingEnable with global pages: five control-register accesses");
  expectCall(0, machineOp("writeCr3"), 0, 0x119000n, "the directory is loaded before paging is on");
  expectCall(1, machineOp("readCr4"), 0, 0n, "CR4 is read...");
  expectCall(2, machineOp("writeCr4"), 0, u64(CR4_PGE), "...and written back with PGE");
  expectCall(3, machineOp("readCr0"), 0, u64(CR0_PE_ET), "CR0 is read...");
  expectCall(4, machineOp("writeCr0"), 0, u64(CR0_PE_ET | CR0_PG | CR0_WP), "...and written back with PG and WP, keeping PE and ET");
  expect(pagingEnabled(), "pagingEnabled() reads CR0.PG");
  expect(writeProtected(), "writeProtected() reads CR0.WP");
}

function pagingOnWithoutGlobalPages(): void {
  machineReset();
  pagingEnable(0x200000, false);
  expectU32(machineLogLength(), 3, "without global pages CR4 is left alone");
  expectCall(0, machineOp("writeCr3"), 0, 0x200000n, "CR3 first");
  expectCall(2, machineOp("writeCr0"), 0, u64(CR0_PG | CR0_WP), "then CR0");
}

function directory(): void {
  machineReset();
  machineSetCr(3, 0x119018); // PWT | PCD in the low bits
  expectU32(currentDirectory(), 0x119000, "currentDirectory() drops CR3's flag bits");
}

const COM1 = 0x3f8;

function serial(): void {
  suite("serial");
  machineReset();
  serialInit();
  expectU32(machineLogLength(), 8, "serialInit: seven register writes and a read");
  expectCall(0, machineOp("outb"), COM1 + 1, 0n, "interrupts off");
  expectCall(1, machineOp("outb"), COM1 + 3, 0x80n, "DLAB on");
  expectCall(2, machineOp("outb"), COM1, 1n, "divisor 1 (115200 baud), low byte");
  expectCall(3, machineOp("outb"), COM1 + 1, 0n, "divisor high byte");
  expectCall(4, machineOp("outb"), COM1 + 3, 0x03n, "8N1, DLAB off again");
  expectCall(5, machineOp("outb"), COM1 + 2, 0xc7n, "FIFOs on and cleared, 14-byte threshold");
  expectCall(6, machineOp("outb"), COM1 + 4, 0x0bn, "DTR, RTS, OUT2");
  expectCall(7, machineOp("inb"), COM1 + 2, 0n, "interrupt identification: are the FIFOs on? (no: a byte per look)");

  machineReset();
  machineFeedPort(COM1 + 5, 0x00);
  machineFeedPort(COM1 + 5, 0x01);
  machineFeedPort(COM1 + 5, 0x20);
  serialPutByte(0x41);
  expectU32(machineLogLength(), 4, "serialPutByte polls until the transmitter is empty, then sends");
  expectCall(0, machineOp("inb"), COM1 + 5, 0n, "line status: busy");
  expectCall(1, machineOp("inb"), COM1 + 5, 1n, "line status: data ready is not transmitter empty");
  expectCall(2, machineOp("inb"), COM1 + 5, 0x20n, "line status: transmitter empty");
  expectCall(3, machineOp("outb"), COM1, 0x41n, "the byte goes to the data register");

  // A transmitter that never empties: the wait is bounded, the byte dropped.
  serialSetPatience(SERIAL_POLLS);
  machineReset();
  machineFeedPort(COM1 + 5, 0x00);
  serialPutByte(0x42);
  expectU32(machineLogLength(), SERIAL_POLLS, "a full UART is polled SERIAL_POLLS times, then given up on");
  expectU32(machineLogEntry(SERIAL_POLLS - 1).op, machineOp("inb"), "nothing but line-status reads");
  expectU32(serialDropped(), 1, "the byte counts as dropped");
  machineReset();
  machineFeedPort(COM1 + 5, 0x00);
  serialPutByte(0x43);
  expectU32(machineLogLength(), 1, "while it stays stalled, each byte polls once");
  expectU32(serialDropped(), 2, "and is dropped");
  machineReset();
  machineFeedPort(COM1 + 5, 0x20);
  serialPutByte(0x44);
  serialPutByte(0x45);
  expectU32(machineLogLength(), 4, "once it empties, bytes go out again");
  expectCall(1, machineOp("outb"), COM1, 0x44n, "the first byte after the stall");
  expectCall(3, machineOp("outb"), COM1, 0x45n, "and the next");
  expectU32(serialDropped(), 2, "nothing more dropped");

  // A 16550A with its FIFOs on: one look at the line status per 16 bytes.
  machineReset();
  machineFeedPort(COM1 + 2, 0xc1); // FIFOs on, no interrupt pending
  serialInit();
  machineReset();
  machineFeedPort(COM1 + 5, 0x20);
  for (let i: u32 = 0; i < 17; i++) serialPutByte(u8(0x61 + i));
  expectU32(machineLogLength(), 19, "17 bytes through a 16-byte FIFO: two looks and 17 writes");
  expectCall(0, machineOp("inb"), COM1 + 5, 0x20n, "the first look: empty");
  expectCall(16, machineOp("outb"), COM1, 0x70n, "the 16th byte without another look");
  expectCall(17, machineOp("inb"), COM1 + 5, 0x20n, "then a look before the 17th");
  expectCall(18, machineOp("outb"), COM1, 0x71n, "and the 17th byte");
}

function gdt(): void {
  suite("gdt");
  machineReset();
  gdtInit();
  expectU32(machineLogLength(), 7, "gdtInit: lgdt and six segment loads");
  expectU32(machineLogEntry(0).op, machineOp("lgdt"), "the table is loaded first");
  expectU64(machineLogEntry(0).value, 55n, "limit: seven descriptors (five segments, two TSSs)");
  // The base the CPU was given is a real address on the host too: read the table there.
  const table = ptr<u64>(machineLogEntry(0).arg);
  expectU64(table[0], 0n, "the null descriptor");
  expectU64(table[u32(KERNEL_CODE) >>> 3], 0x00cf9b000000ffffn, "KERNEL_CODE: flat 4 GiB, DPL 0, code");
  expectU64(table[u32(KERNEL_DATA) >>> 3], 0x00cf93000000ffffn, "KERNEL_DATA: flat 4 GiB, DPL 0, data");
  expectCall(1, machineOp("loadCs"), KERNEL_CODE, 0n, "CS reloaded (far return) right after lgdt");
  expectCall(2, machineOp("loadDs"), KERNEL_DATA, 0n, "DS");
  expectCall(3, machineOp("loadEs"), KERNEL_DATA, 0n, "ES");
  expectCall(4, machineOp("loadFs"), KERNEL_DATA, 0n, "FS");
  expectCall(5, machineOp("loadGs"), KERNEL_DATA, 0n, "GS");
  expectCall(6, machineOp("loadSs"), KERNEL_DATA, 0n, "SS");
  // A TSS descriptor: base 0x12345678, 104 bytes (limit 103), type 9, present, DPL 0, byte granular.
  gdtSetTss(TSS_KERNEL, 0x12345678, 104);
  expectU64(table[u32(TSS_KERNEL) >>> 3], 0x1200893456780067n, "TSS descriptor: base, limit 103, access 0x89");
}

/** A fake stack of three frames in the first 64 bytes; past them, a frame the walk must never reach. */
const stack: Arr<u32, 32> = zeroed();
function traces(): void {
  suite("backtrace");
  const base = addr(stack);
  const high = base + 64;
  const out: Arr<u32, 8> = zeroed();
  // frame at base: [ebp]=base+16, [ret]=0x1111; frame at base+16: [ebp]=base+32, ret 0x2222; frame at base+32: ebp 0, ret 0x3333.
  stack[0] = base + 16; stack[1] = 0x1111;
  stack[4] = base + 32; stack[5] = 0x2222;
  stack[8] = 0; stack[9] = 0x3333;
  expectU32(backtrace(base, base, high, ptr<u32>(addr(out)), 8), 3, "three frames, then ebp 0 ends the chain");
  expectU32(out[2], 0x3333, "innermost first, outermost last");
  // A smashed link pointing above the stack, at what looks like a frame: the walk must stop, not read it.
  stack[20] = base + 96;
  stack[21] = 0x4444;
  stack[8] = base + 80;
  expectU32(backtrace(base, base, high, ptr<u32>(addr(out)), 8), 3, "a frame pointer above the stack ends the walk");
  expectU32(backtrace(base + 80, base, high, ptr<u32>(addr(out)), 8), 0, "a starting ebp above the stack reads nothing");
  expectU32(backtrace(base, base, base, ptr<u32>(addr(out)), 8), 0, "an empty stack range reads nothing");
}

export function testI686(): void {
  suite("mmu");
  pagingOn();
  pagingOnWithoutGlobalPages();
  directory();
  serial();
  gdt();
  traces();
}
