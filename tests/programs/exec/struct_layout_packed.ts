// Packed structs (interfaces that extend Packed) have no padding at all.
interface PA extends Packed { a: u8; b: u32; }
interface PB extends Packed { a: u16; b: u8; c: u32; }
interface PC extends Packed { a: u8; b: u64; c: u16; }
interface GateDescriptor extends Packed {
  offsetLow: u16;
  selector: u16;
  zero: u8;
  flags: u8;
  offsetHigh: u16;
}

function show(label: CStr, v: usize): void {
  write(label);
  write(" ");
  print(v);
}

export function main(): i32 {
  show("PA", sizeOf<PA>());
  show("PA.b", offsetOf<PA>("b"));
  show("PB", sizeOf<PB>());
  show("PB.b", offsetOf<PB>("b"));
  show("PB.c", offsetOf<PB>("c"));
  show("PC", sizeOf<PC>());
  show("PC.b", offsetOf<PC>("b"));
  show("PC.c", offsetOf<PC>("c"));
  show("Gate", sizeOf<GateDescriptor>());
  show("Gate.zero", offsetOf<GateDescriptor>("zero"));
  show("Gate.flags", offsetOf<GateDescriptor>("flags"));
  show("Gate.offsetHigh", offsetOf<GateDescriptor>("offsetHigh"));
  show("DTP", sizeOf<DescriptorTablePointer>());
  show("DTP.base", offsetOf<DescriptorTablePointer>("base"));
  // unaligned fields read and write correctly
  const pc: PC = zeroed();
  pc.a = 0xaa;
  pc.b = 0x1122334455667788n;
  pc.c = 0xbeef;
  print(pc.b);
  print(pc.c);
  const bytes: Ptr<u8> = ptr<u8>(addr(pc));
  print(bytes[0]);
  print(bytes[1]); // low byte of b
  print(bytes[8]); // high byte of b
  print(bytes[9]); // low byte of c
  const dtp: DescriptorTablePointer = zeroed();
  dtp.limit = 0x7ff;
  dtp.base = 0x12345678;
  print(ptr<u8>(addr(dtp))[2]);
  print(ptr<u8>(addr(dtp))[5]);
  return 0;
}
