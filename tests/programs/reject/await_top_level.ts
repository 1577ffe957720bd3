// error: 5:16 /await|async/i
// A top-level await (valid TypeScript in an ES module).
declare function later(): Promise<u32>;

const x: u32 = await later();

export function main(): i32 {
  print(x);
  return 0;
}
