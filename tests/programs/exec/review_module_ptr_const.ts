// Typed memory and struct references at fixed addresses are the natural way
// for a kernel to name MMIO and firmware tables at module level:
// `const VGA: Ptr<u16> = ptr<u16>(0xb8000)`. ptr<T>(constant) and
// ref<S>(constant) are C address constants, so they are valid module-level
// initialisers (docs/subset.md, "Module data": constant expressions); now they
// are refused as "not constants".
interface Bda { com1: u16; com2: u16; }
const VGA: Ptr<u16> = ptr<u16>(0xb8000);
const BDA: Bda = ref<Bda>(0x400);
let cursor: Ptr<u16> = ptr<u16>(0xb8000 + 160);
const table: Arr<u32, 4> = [1, 2, 3, 4];
const view: Ptr<u32> = ptr<u32>(addr(table)); // docs: "addresses of module data"

export function main(): i32 {
  print(addr(VGA));
  print(addr(BDA));
  print(addr(cursor) - addr(VGA));
  print(view[2]);
  return 0;
}
