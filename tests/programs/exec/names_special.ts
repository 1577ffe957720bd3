// Identifiers that TypeScript accepts but C spells differently or reserves:
// $ in names, leading underscores, names of generated-code helpers, and
// non-ASCII letters.
let $count: u32 = 1;
let _: u32 = 2;
let __x: u32 = 3;
let _Bool: u32 = 4;
let café: u32 = 5;

function $add(a$: u32, b_: u32): u32 {
  return a$ + b_;
}

export function main(): i32 {
  let π: u32 = 314;
  const ñ: u32 = 6;
  print($count + _ + __x + _Bool + café);
  print($add(π, ñ));
  return 0;
}
