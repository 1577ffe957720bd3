// exit: 17
// A small state machine: const enums, switch with fall-through and grouped
// cases, labelled loops.
const enum State {
  Idle,
  Start = 5,
  Run,
  Stop = 0x10,
  Done,
}

function step(s: State, input: u32): State {
  switch (s) {
    case State.Idle:
      if (input === 0) return State.Idle;
    case State.Start:
      return State.Run;
    case State.Run:
      if (input > 3) return State.Stop;
      return State.Run;
    case State.Stop:
    case State.Done:
      return State.Done;
  }
  return State.Idle;
}

const INPUTS: readonly u32[] = [0, 1, 2, 3, 4, 0, 9, 9];

export function main(): i32 {
  let s: State = State.Idle;
  let trace: u32 = 0;
  for (let i: u32 = 0; i < INPUTS.length; i++) {
    s = step(s, INPUTS[i]);
    print(s);
    trace = u32(trace * 31 + s);
  }
  print(trace);
  let found: u32 = 0;
  outer: for (let a: u32 = 1; a < 20; a++) {
    for (let b: u32 = a; b < 20; b++) {
      if (u32(a * a + b * b) % 7 !== 0) continue;
      for (let c: u32 = b; c < 30; c++) {
        if (a * a + b * b === c * c) {
          print(a * 10000 + b * 100 + c);
          found++;
          if (found === 3) break outer;
          continue outer;
        }
      }
    }
  }
  print(found);
  let n: u32 = 0;
  do {
    n++;
    switch (n % 4) {
      case 0:
        n += 2;
        break;
      case 1:
        continue;
      default:
        n++;
    }
  } while (n < 40);
  print(n);
  return i32(s);
}
