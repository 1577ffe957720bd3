// Flag enums and typed constants read like kernel code (issue 12): an enum
// converts to any integer type that holds all its members, `|` of members of
// one enum stays that enum, and a constant whose value is known converts to
// any type that holds it.
const enum Pte { Present = 1, Writable = 2, User = 4, Global = 0x100 }
const enum State { Ready, Running, Blocked }
const GATE_INT32: u8 = 0x8e;
const GATE_USER: u8 = 0x60;
const PAGE_SIZE = 4096;
const LIMIT: i32 = 0x100;

interface Thread { state: u8; flags: Pte; }
const t: Thread = zeroed();

function map(va: u32, pa: u32, flags: u32): u32 {
  return u32((pa & ~(PAGE_SIZE - 1)) | flags | (va & 0));
}
function gate(flags: u8): u8 { return flags; }
function narrow(s: State): u8 { return s; }

export function main(): i32 {
  print(map(0, 0x5123, Pte.Present | Pte.Writable));
  print(map(0, 0x5000, Pte.Present));
  let f: Pte = Pte.Present | Pte.User;
  f |= Pte.Writable;
  print(map(0, 0x6000, f));
  const g: Pte = f & Pte.User;
  print(g);
  print(gate(GATE_INT32 | GATE_USER));
  print(gate(GATE_INT32 & ~0x0e));
  let s: State = State.Running;
  t.state = s;
  print(t.state);
  t.state = State.Blocked;
  print(t.state);
  t.flags = f | Pte.Global;
  print(t.flags);
  print(narrow(State.Ready));
  const mask: u16 = Pte.Global | Pte.User;
  print(mask);
  // A flag enum and a non-negative typed constant compare with unsigned values.
  const entry: u32 = 0x103;
  const want: Pte = Pte.Present | Pte.Writable;
  print((entry & want) === want);
  print((entry & Pte.User) === Pte.User);
  print(entry > LIMIT);
  print(u32(entry % LIMIT));
  return 0;
}
