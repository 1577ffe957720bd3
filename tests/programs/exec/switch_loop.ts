// break inside a switch leaves the switch, not the loop; continue inside a
// switch continues the enclosing loop.
export function main(): i32 {
  let out: u32 = 0;
  for (let i: u32 = 0; i < 6; i++) {
    switch (i % 3) {
      case 0:
        out = out * 10 + 1;
        break;
      case 1:
        continue;
      default:
        out = out * 10 + 2;
    }
    out = out * 10 + 9;
  }
  print(out);
  let n: u32 = 0;
  loop: while (true) {
    switch (n) {
      case 4:
        break loop;
      default:
        n++;
        continue loop;
    }
  }
  print(n);
  return 0;
}
