// A `let` declared in one case is in scope in the cases below it, and holds
// its value when control falls through (issue 12, bug 4).
function run(k: u32): u32 {
  let out: u32 = 0;
  switch (k) {
    case 1:
      let y: u32 = 5;
      const z: u32 = 2;
      out = u32(out + y * z);
    case 2:
      y = 6;
      out = u32(out * 100 + y);
      break;
    default:
      out = 99;
  }
  return out;
}

export function main(): i32 {
  print(run(1));
  print(run(2));
  print(run(3));
  return 0;
}
