// exit: 42
// main's result is the process exit status.
export function main(): i32 {
  print("exiting");
  return 42;
}
