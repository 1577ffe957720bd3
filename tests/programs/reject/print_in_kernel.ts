// error: 4:3 /print\(\) is only available with --target host.*test driver.*machineLogEntry\(\)/
// target: kernel
export function kmain(): void {
  print(1);
}
