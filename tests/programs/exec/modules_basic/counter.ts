export let counter: u32 = 7;

export function bump(): void {
  counter++;
}

export function resetTo(v: u32): void {
  counter = v;
}
