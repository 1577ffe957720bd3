// Assignments to fields of packed structs whose target or value has effects
// (review finding): the target is found first through a pointer whose type
// has alignment 1, since a packed field may be misaligned (a plain uint32_t *
// would be undefined behaviour); module data at a fixed address needs none.
interface Hdr extends Packed { tag: u8; len: u32; }
interface Gate extends Packed { lo: u16; sel: u16; z: u8; flags: u8; hi: u16; }
const h: Hdr = zeroed();
const idt: Arr<Gate, 4> = zeroed();
const hs: Arr<Hdr, 4> = zeroed();
let n: u32 = 0;
function v(): u32 { n++; return n; }
let gi: u32 = 0;
function g(): u32 { gi++; return gi & 3; }

export function main(): i32 {
  h.tag = 3;
  h.len = v() + u32(h.tag);
  h.len += v();
  print(h.len);
  idt[g()].hi = u16(v());
  idt[g()].lo |= u16(v());
  print(idt[1].hi);
  print(idt[2].lo);
  hs[g()].len = v();
  hs[g()].len += v();
  hs[g()].len++;
  print(hs[3].len);
  print(hs[0].len);
  print(hs[1].len);
  return 0;
}
