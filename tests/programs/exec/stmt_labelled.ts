// Labelled break and continue on for, while and do/while loops.
export function main(): i32 {
  let pairs: u32 = 0;
  outer: for (let i: u32 = 0; i < 10; i++) {
    for (let j: u32 = 0; j < 10; j++) {
      if (j > i) continue outer;
      if (i * j > 20) break outer;
      pairs++;
    }
  }
  print(pairs);
  let found: i32 = -1;
  search: while (true) {
    let r: i32 = 0;
    while (r < 5) {
      let c: i32 = 0;
      do {
        if (r * 5 + c === 13) {
          found = r * 100 + c;
          break search;
        }
        c++;
      } while (c < 5);
      r++;
    }
    break;
  }
  print(found);
  let skipped: u32 = 0;
  rows: do {
    for (let n: u32 = 0; n < 3; n++) {
      skipped++;
      continue rows;
    }
  } while (skipped < 4);
  print(skipped);
  let hits: u32 = 0;
  a: for (let i: u32 = 0; i < 3; i++) {
    b: for (let j: u32 = 0; j < 3; j++) {
      for (let k: u32 = 0; k < 3; k++) {
        if (k === 1) continue b;
        if (j === 2) continue a;
        hits++;
      }
    }
  }
  print(hits);
  return 0;
}
