// error: 4:12 /(too large|too big|address space|exceeds|4 ?GiB|2\^32)/i
// Storage larger than the 32-bit address space cannot exist on i386; now the
// compiler accepts it and gcc fails ("size of array is too large").
const big: Arr<u8, 4294967296> = zeroed();

export function main(): i32 {
  big[0] = 1;
  return 0;
}
