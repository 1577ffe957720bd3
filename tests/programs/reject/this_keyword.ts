// error: 7:10 /this/
interface Box {
  v: u32;
}

function get(this: Box): u32 {
  return this.v;
}

export function main(): i32 {
  return 0;
}
