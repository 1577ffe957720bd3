// for loops: nested, with missing parts, counting down, with break/continue.
export function main(): i32 {
  let total: u32 = 0;
  for (let i: u32 = 0; i < 5; i++) {
    for (let j: u32 = 0; j < i; j++) total += j;
  }
  print(total);
  let k: i32 = 0;
  for (;;) {
    k++;
    if (k === 4) break;
  }
  print(k);
  let down: u32 = 0;
  for (let i: i32 = 10; i >= 0; i -= 3) down = down * 10 + u32(i);
  print(down); // 10,7,4,1 -> 10*1000+... = 10741
  let x: u32 = 0;
  for (; x < 3; ) x++;
  print(x);
  let evens: u32 = 0;
  for (let i: u8 = 0; i < 20; i++) {
    if (i & 1) continue;
    evens++;
  }
  print(evens);
  let wrapped: u32 = 0;
  for (let b: u8 = 250; b !== 4; b++) wrapped++; // u8 wraps 255 -> 0
  print(wrapped);
  let i: u32 = 99; // a new variable with the loop variables' name
  for (let i: u32 = 0; i < 2; i++) {}
  print(i);
  return 0;
}
