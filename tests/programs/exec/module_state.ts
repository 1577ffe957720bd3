// Module-level variables with constant initialisers of every kind, mutated by
// functions; a module-level reference variable pointing into static storage.
interface Task {
  id: u32;
  next: Task | null;
}

let ticks: u64 = 0xfffffffffn;
let level: i8 = -3;
let ready: bool = true;
let mask: u32 = 0xff00ff00;
const tasks: Arr<Task, 3> = zeroed();
let current: Task | null = null;
const LIMIT: u32 = 3;
let negative: i32 = -3 * 2;

function tick(): void {
  ticks++;
  level++;
  mask = (mask << 8) | (mask >>> 24);
  ready = !ready;
}

function schedule(): Task {
  if (current === null || current.next === null) current = tasks[0];
  else current = current.next;
  return current;
}

export function main(): i32 {
  for (let i: u32 = 0; i < LIMIT; i++) {
    tasks[i].id = i + 1;
    tasks[i].next = i + 1 < LIMIT ? tasks[i + 1] : null;
  }
  tick();
  tick();
  print(ticks);
  print(level);
  print(ready);
  print(mask);
  for (let i: u32 = 0; i < 5; i++) print(schedule().id);
  print(negative);
  return 0;
}
