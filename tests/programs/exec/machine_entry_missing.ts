// exit: SIGABRT
// stderr: machineLogEntry(2): the log holds 2 entries
// An entry that was never recorded stops the program: no test reads a made-up call.
export function main(): i32 {
  outb(0x80, 1);
  outb(0x80, 2);
  print(machineLogEntry(1).value);
  print(machineLogEntry(machineLogLength()).value);
  return 0;
}
