// error: 4:3 /host/i
// target: kernel
export function kmain(): void {
  print(1);
}
