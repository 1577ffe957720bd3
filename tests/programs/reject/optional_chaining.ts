// error: 10:13 /optional chaining|\?\./i
interface Node {
  v: u32;
  next: Node | null;
}

const n: Node = zeroed();

export function main(): i32 {
  const v = n.next?.v;
  print(v === 0);
  return 0;
}
