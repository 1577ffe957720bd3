// error: 2:1 /async/i
async function work(): Promise<void> {}

export function main(): i32 {
  return 0;
}
