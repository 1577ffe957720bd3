// return from inside nested loops and switches; void functions that return
// early; a function whose every path returns.
function findPair(target: u32): u32 {
  for (let i: u32 = 0; i < 10; i++) {
    for (let j: u32 = i; j < 10; j++) {
      let k: u32 = 0;
      while (true) {
        if (k === 2) break;
        switch (k) {
          case 1:
            if (i * j === target) return i * 100 + j;
        }
        k++;
      }
    }
  }
  return 9999;
}

let trace: u32 = 0;
function maybe(x: u32): void {
  trace = trace * 10 + 1;
  if (x > 5) return;
  trace = trace * 10 + 2;
}

function parity(x: u32): CStr {
  if (x % 2 === 0) {
    return "even";
  } else {
    return "odd";
  }
}

export function main(): i32 {
  print(findPair(42));
  print(findPair(1000));
  maybe(9);
  maybe(1);
  print(trace);
  print(parity(3));
  print(parity(4));
  return 0;
}
