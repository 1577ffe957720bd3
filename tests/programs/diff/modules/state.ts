export let ticks: u32 = 0xfffffffe;

export function tick(): void {
  ticks = u32(ticks + 1);
}
