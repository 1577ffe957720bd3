// At most N jobs at a time (QEMU boots: the machine has two cores). Each
// test file that boots makes its own limiter; node --test runs files in
// separate processes.

export function limiter(n: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resume) => waiting.push(resume));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
