// Function-level zeroed storage lives on the stack and is zero-filled every
// time the function runs, even after a previous call changed it.
interface Acc {
  n: u32;
  total: u64;
  history: Arr<u16, 4>;
}

function accumulate(v: u32): u64 {
  const acc: Acc = zeroed();
  const buf: Arr<u8, 32> = zeroed();
  let dirty: u32 = 0;
  for (let i: u32 = 0; i < 32; i++) dirty += buf[i];
  for (let i: u32 = 0; i < 4; i++) dirty += acc.history[i];
  acc.n += 1;
  acc.total += u64(v);
  acc.history[0] = u16(v);
  for (let i: u32 = 0; i < 32; i++) buf[i] = 0xff;
  return acc.total + u64(dirty) + u64(acc.n);
}

function recurse(depth: u32): u32 {
  const a: Arr<u32, 8> = zeroed();
  a[depth % 8] = depth;
  let s: u32 = 0;
  for (let i: u32 = 0; i < 8; i++) s += a[i];
  if (depth === 0) return s;
  return s + recurse(depth - 1);
}

export function main(): i32 {
  print(accumulate(5));
  print(accumulate(5));
  print(accumulate(100));
  print(recurse(10)); // each frame has its own array: 10+9+...+0
  return 0;
}
