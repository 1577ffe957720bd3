// error: 4:24 /machineOp\(\) takes the name of a recorded instruction.*"outb".*"lidt"/
export function main(): i32 {
  outb(0x80, 1);
  const op = machineOp("outx");
  return machineLogEntry(0).op === op ? 0 : 1;
}
