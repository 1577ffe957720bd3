export interface Pair {
  first: u32;
  second: u32;
}

export const table: Pair = { first: 11, second: 22 };

export function total(): u32 {
  return table.first + table.second;
}

export function bias(): u32 {
  return 0;
}
