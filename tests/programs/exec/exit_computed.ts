// exit: 7
// The exit status computed at run time, with nothing printed before it.
function count(n: u32): i32 {
  let c: i32 = 0;
  for (let i: u32 = 0; i < n; i++) if (i % 3 === 0) c++;
  return c;
}

export function main(): i32 {
  return count(20);
}
