// The same label name used by several loops of one function (one after the
// other, as TypeScript allows), and in several functions.
function first(): u32 {
  let n: u32 = 0;
  outer: for (let i: u32 = 0; i < 3; i++) {
    for (let j: u32 = 0; j < 3; j++) {
      if (j === 1) continue outer;
      n++;
    }
  }
  outer: for (let i: u32 = 0; i < 3; i++) {
    for (let j: u32 = 0; j < 3; j++) {
      if (i === 1) break outer;
      n += 10;
    }
  }
  outer: while (n < 1000) {
    n *= 2;
    if (n > 100) break outer;
  }
  return n;
}

function second(): u32 {
  let n: u32 = 0;
  outer: do {
    n++;
    if (n < 5) continue outer;
    break outer;
  } while (true);
  return n;
}

export function main(): i32 {
  print(first());
  print(second());
  return 0;
}
