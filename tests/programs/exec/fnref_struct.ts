// Function references stored in struct fields, called through the field.
type Op = (a: u32) => u32;

interface Device {
  id: u32;
  read: Op;
  write: Op | null;
}

function readTwice(a: u32): u32 {
  return a * 2;
}
function writeSquare(a: u32): u32 {
  return a * a;
}

const dev: Device = { id: 1, read: readTwice, write: null };

export function main(): i32 {
  print(dev.read(21));
  print(dev.write === null);
  dev.write = writeSquare;
  const w = dev.write;
  if (w !== null) print(w(12));
  const other: Device = zeroed();
  other.read = dev.read;
  print(other.read(4));
  print(other.write === null);
  return 0;
}
