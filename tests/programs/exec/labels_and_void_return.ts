// A loop with several labels answers to each of them, a labelled block is left
// with break, and `return f()` of a void f returns after calling it.
let calls: u32 = 0;
function note(): void {
  calls++;
}
function relay(): void {
  return note();
}

export function main(): i32 {
  let n: u32 = 0;
  outer: inner: for (let i: u32 = 0; i < 5; i++) {
    for (let j: u32 = 0; j < 5; j++) {
      if (j === 2) continue outer;
      if (i === 3) break inner;
      n++;
    }
  }
  print(n);
  block: {
    n = 100;
    if (n > 50) break block;
    n = 0;
  }
  print(n);
  relay();
  relay();
  print(calls);
  return 0;
}
