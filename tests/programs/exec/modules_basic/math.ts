export function add(a: u32, b: u32): u32 {
  return a + b;
}

export function mulAdd(a: u32, b: u32, c: u32): u32 {
  return add(a * b, c);
}

function helper(): u32 {
  return 2;
}

export function helperResult(): u32 {
  return helper();
}
