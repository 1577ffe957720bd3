// error: 13:12 /'buf' is stack storage of fill: a reference to it is passed to remember, which keeps it \(passed to store, which keeps it \(stored in module data\)\)/
// A function that stores its parameter keeps its argument, through calls too.
interface Buf { data: Arr<u8, 16>; }
let last: Buf | null = null;
function store(b: Buf): void {
  last = b;
}
function remember(b: Buf): void {
  store(b);
}
function fill(): void {
  const buf: Buf = zeroed();
  remember(buf);
}
export function main(): i32 {
  fill();
  return 0;
}
