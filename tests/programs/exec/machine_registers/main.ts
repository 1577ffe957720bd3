// Control registers and MSRs on the host hold what was last written or set
// (machineSetCr, machineSetMsr), so code that reads back what it wrote works;
// every read and write is recorded, lgdt/lidt with the table's base and limit
// at the time of the call.
import { apicEnable, enablePaging, faultPage, flushRange, idleOnce, loadTables, sysenterInit } from "./cpu";

function dump(): void {
  for (let i: u32 = 0; i < machineLogLength(); i++) {
    const c = machineLogEntry(i);
    write(c.name);
    write(" ");
    print(c.arg);
    write("  = ");
    print(c.value);
  }
  machineReset();
}

export function main(): i32 {
  machineSetCr(0, 0x11); // PE | ET, as the boot loader leaves it
  print(enablePaging(0x119000));
  print(readCr3());
  dump();

  print(readCr0()); // machineReset cleared the registers
  machineSetCr(2, 0x08049abc);
  print(faultPage());
  flushRange(0x200000, 3);
  dump();

  loadTables(0x105000, 5, 0x106000, 0x2b);
  const lidtCall = machineLogEntry(8);
  print(lidtCall.op === machineOp("lidt"));
  print(lidtCall.arg);
  print(machineLogEntry(0).op === machineOp("lgdt"));
  print(machineLogEntry(7).op === machineOp("ltr"));
  dump();

  machineSetMsr(0x1b, 0xfee00100n);
  print(apicEnable());
  print(rdmsr(0x1b));
  sysenterInit(0x08, 0x7000, 0x101234);
  print(rdmsr(0x176));
  print(rdmsr(0x10)); // an MSR nobody set reads 0
  dump();

  idleOnce();
  print(machineLogEntry(1).op === machineOp("hlt"));
  dump();
  return 0;
}
