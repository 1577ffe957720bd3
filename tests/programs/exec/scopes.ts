// Block scoping: inner declarations shadow outer ones (locals, parameters,
// module names) and end with their block; loop bodies get fresh variables.
let x: u32 = 1;

function f(x: u32): u32 {
  {
    let x: u32 = 100;
    x++;
    print(x);
  }
  return x;
}

export function main(): i32 {
  print(x);
  let x2: u32 = 2;
  {
    let x: u32 = 3;
    {
      let x: i8 = -4;
      print(x);
    }
    print(x);
  }
  print(x2);
  print(f(50));
  let total: u32 = 0;
  for (let i: u32 = 0; i < 3; i++) {
    let fresh: u32 = 0;
    fresh += i;
    total += fresh;
  }
  print(total);
  if (true) {
    const x: u64 = 5n;
    print(x);
  }
  print(x);
  return 0;
}
