// Kernel logic on the host: reading an ELF32 file header and its program
// headers from bytes in a read-only table, through ref<S>() at an address.
interface Elf32Header {
  ident: Arr<u8, 16>;
  type: u16;
  machine: u16;
  version: u32;
  entry: u32;
  phoff: u32;
  shoff: u32;
  flags: u32;
  ehsize: u16;
  phentsize: u16;
  phnum: u16;
  shentsize: u16;
  shnum: u16;
  shstrndx: u16;
}

interface Elf32Phdr {
  type: u32;
  offset: u32;
  vaddr: u32;
  paddr: u32;
  filesz: u32;
  memsz: u32;
  flags: u32;
  align: u32;
}

// A header (52 bytes) and two program headers (32 bytes each), little-endian.
const IMAGE: readonly u8[] = [
  0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  2, 0, 3, 0, 1, 0, 0, 0, 0x00, 0x10, 0x10, 0x00, 52, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 52, 0, 32, 0, 2, 0, 40, 0,
  0, 0, 0, 0,
  1, 0, 0, 0, 0x00, 0x10, 0, 0, 0x00, 0x10, 0x10, 0x00, 0x00, 0x10, 0x10, 0x00,
  0x34, 0x12, 0, 0, 0x34, 0x12, 0, 0, 5, 0, 0, 0, 0x00, 0x10, 0, 0,
  1, 0, 0, 0, 0x00, 0x30, 0, 0, 0x00, 0x30, 0x10, 0x00, 0x00, 0x30, 0x10, 0x00,
  0x10, 0, 0, 0, 0x00, 0x20, 0, 0, 6, 0, 0, 0, 0x00, 0x10, 0, 0,
];

function valid(h: Elf32Header): bool {
  return h.ident[0] === 0x7f && h.ident[1] === 0x45 && h.ident[2] === 0x4c && h.ident[3] === 0x46 &&
    h.ident[4] === 1 && h.machine === 3 && h.type === 2;
}

export function main(): i32 {
  print(sizeOf<Elf32Header>());
  print(sizeOf<Elf32Phdr>());
  print(offsetOf<Elf32Header>("entry"));
  print(offsetOf<Elf32Header>("phnum"));
  const base: usize = addr(IMAGE);
  const h: Elf32Header = ref<Elf32Header>(base);
  print(valid(h));
  print(h.entry);
  print(h.phnum);
  let memory: u32 = 0;
  for (let i: u32 = 0; i < h.phnum; i++) {
    const ph: Elf32Phdr = ref<Elf32Phdr>(base + h.phoff + i * h.phentsize);
    if (ph.type !== 1) continue;
    const writable: bool = (ph.flags & 2) !== 0;
    print(ph.vaddr);
    print(ph.filesz);
    print(ph.memsz);
    print(writable);
    memory += (ph.memsz + ph.align - 1) & ~(ph.align - 1);
  }
  print(memory);
  return 0;
}
