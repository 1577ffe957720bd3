// exit: SIGABRT
// stderr: the machine log is full (16384 instructions since machineReset())
// On the host, `cli; for (;;) hlt()` cannot stop the machine: the log fills
// up and the program ends with a message instead of hanging.
function haltForever(): void {
  cli();
  for (;;) hlt();
}

export function main(): i32 {
  print(1);
  haltForever();
  return 0;
}
