// An IDT with a handler table: 8-byte gates built from addr(f), a DPL-3
// gate for the system call, typed constants combined into gate flags, and
// a dispatch through the table of function references.
interface Gate extends Packed {
  offsetLow: u16;
  selector: u16;
  zero: u8;
  flags: u8;
  offsetHigh: u16;
}

const GATE_PRESENT: u8 = 0x80;
const GATE_INT32: u8 = 0x0e;
const GATE_DPL3: u8 = 0x60;
const KERNEL_CS: u16 = 0x08;
export const SYSCALL_VECTOR = 0x80;
const VECTORS = 256;

export type Handler = (vector: u32, error: u32) => u32;

const idt: Arr<Gate, 256> = zeroed({ align: 8 });
const handlers: Arr<Handler | null, 256> = zeroed();
const idtr: DescriptorTablePointer = zeroed();

/** Where every vector enters; a real kernel points gates at assembly stubs. */
export function entry(): void {}

function setGate(vector: u32, target: usize, flags: u8): void {
  const g = idt[vector];
  g.offsetLow = u16(target & 0xffff);
  g.selector = KERNEL_CS;
  g.zero = 0;
  g.flags = flags;
  g.offsetHigh = u16(target >>> 16);
}

export function install(): void {
  for (let v: u32 = 0; v < VECTORS; v++) setGate(v, addr(entry), GATE_PRESENT | GATE_INT32);
  setGate(SYSCALL_VECTOR, addr(entry), GATE_PRESENT | GATE_INT32 | GATE_DPL3);
  idtr.limit = u16(sizeOf<Gate>() * VECTORS - 1);
  idtr.base = addr(idt);
  lidt(idtr);
}

export function register(vector: u32, h: Handler): void { handlers[vector] = h; }

export function dispatch(vector: u32, error: u32): u32 {
  const h = handlers[vector];
  if (h === null) return 0xffffffff;
  return h(vector, error);
}

export function gateTarget(vector: u32): u32 {
  const g = idt[vector];
  return (u32(g.offsetHigh) << 16) | g.offsetLow;
}
export function gateFlags(vector: u32): u8 { return idt[vector].flags; }
export function tableBase(): u32 { return addr(idt); }
