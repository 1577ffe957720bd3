// Device code compiled for the host: every port access is recorded in the
// machine log, and reads return the values the test fed to each port (the
// last one repeats). The test prints the log and what the module computed.
import { picEndOfInterrupt, picRemap } from "./pic";
import { pciRead, readWords, uartSend, writeWord } from "./uart";

/** Prints entries from..end of the log, one `name arg` line and one `= value` line each. */
function dump(from: u32): void {
  for (let i: u32 = from; i < machineLogLength(); i++) {
    const c = machineLogEntry(i);
    write(c.name);
    write(" ");
    print(c.arg);
    write("  = ");
    print(c.value);
  }
}

const words: Arr<u16, 3> = zeroed();

export function main(): i32 {
  print(machineLogLength());
  machineFeedPort(0x21, 0xb8);
  machineFeedPort(0xa1, 0x8e);
  picRemap(32);
  print(machineLogLength());
  dump(0);

  machineReset();
  picEndOfInterrupt(3);
  picEndOfInterrupt(12);
  dump(0);

  machineReset();
  machineFeedPort(0x3fd, 0);
  machineFeedPort(0x3fd, 0x01);
  machineFeedPort(0x3fd, 0x60);
  print(uartSend(0x3f8, 0x41));
  print(uartSend(0x3f8, 0x42)); // the last value fed stays: ready at once
  dump(0);
  const first = machineLogEntry(0);
  print(first.op === machineOp("inb"));
  print(first.op === machineOp("outb"));
  print(machineLogEntry(3).op === machineOp("outb"));

  machineReset();
  machineFeedPort(0xcfc, 0x12378086);
  print(pciRead(0, 3, 0, 0x02));
  machineFeedPort(0x1f0, 0xbeef);
  machineFeedPort(0x1f0, 0x1234);
  readWords(0x1f0, ptr<u16>(addr(words)), 3);
  print(words[0]);
  print(words[1]);
  print(words[2]);
  writeWord(0x1f0, 0xcafe);
  print(inb(0x60)); // a port nobody fed reads 0
  dump(0);
  return 0;
}
