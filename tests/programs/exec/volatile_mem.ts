// Volatile loads and stores of 8, 16 and 32 bits on ordinary memory:
// little-endian byte order, and every store is performed.
const buf: Arr<u32, 4> = zeroed();

export function main(): i32 {
  const a: usize = addr(buf);
  volatileStore32(a, 0x12345678);
  print(volatileLoad32(a));
  print(volatileLoad8(a));
  print(volatileLoad8(a + 3));
  print(volatileLoad16(a));
  print(volatileLoad16(a + 2));
  volatileStore8(a + 4, 0xff);
  volatileStore8(a + 5, 0x01);
  print(buf[1]);
  volatileStore16(a + 8, 0xbeef);
  volatileStore16(a + 10, 0xdead);
  print(buf[2]);
  // a polling loop: the load is repeated each time
  let spins: u32 = 0;
  volatileStore32(a + 12, 5);
  while (volatileLoad32(a + 12) !== 0) {
    volatileStore32(a + 12, volatileLoad32(a + 12) - 1);
    spins++;
  }
  print(spins);
  print(buf[3]);
  volatileStore8(a, 300 & 0xff);
  print(volatileLoad8(a));
  return 0;
}
