// A small ELF32 reader: the file header, program headers and section
// headers, enough for the image tools to check and describe the kernel and
// process manager parts. Every malformation becomes an ElfError whose message
// names the field and what was expected, so callers can show it unchanged.

export class ElfError extends Error {}

export const ET_EXEC = 2;
export const EM_386 = 3;
export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;
export const SHT_NOBITS = 8;

export interface ElfHeader {
  type: number; // e_type
  machine: number; // e_machine
  version: number; // e_version
  entry: number; // e_entry
  phoff: number;
  shoff: number;
  flags: number;
  ehsize: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface ProgramHeader {
  index: number;
  type: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  align: number;
}

export interface SectionHeader {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
}

export interface Elf {
  header: ElfHeader;
  segments: ProgramHeader[];
  sections: SectionHeader[];
  /** One past the last byte any header, table, segment or section uses. */
  extent: number;
}

const TYPE_NAMES: Record<number, string> = { 0: "ET_NONE", 1: "ET_REL", 2: "ET_EXEC", 3: "ET_DYN", 4: "ET_CORE" };
const MACHINE_NAMES: Record<number, string> = { 3: "i386", 40: "ARM", 62: "x86-64", 183: "AArch64", 243: "RISC-V" };

export const typeName = (t: number): string => TYPE_NAMES[t] ?? `type ${t}`;
export const machineName = (m: number): string => MACHINE_NAMES[m] ?? `machine ${m}`;

export function flagString(flags: number): string {
  return (flags & PF_R ? "R" : "-") + (flags & PF_W ? "W" : "-") + (flags & PF_X ? "X" : "-");
}

/** Checks the identification bytes and the fields every later step relies on. */
export function readElf(buf: Buffer, what = "file"): Elf {
  const fail = (msg: string): never => {
    throw new ElfError(`${what}: ${msg}`);
  };
  if (buf.length < 52) fail(`too short for an ELF32 header (${buf.length} bytes, need 52)`);
  if (buf.readUInt32BE(0) !== 0x7f454c46) fail("not an ELF file (magic is not 7f 45 4c 46)");
  if (buf[4] !== 1) fail(`not ELF32 (EI_CLASS = ${buf[4]}, expected 1 = ELFCLASS32)`);
  if (buf[5] !== 1) fail(`not little-endian (EI_DATA = ${buf[5]}, expected 1 = ELFDATA2LSB)`);
  if (buf[6] !== 1) fail(`unknown ELF version (EI_VERSION = ${buf[6]}, expected 1)`);
  const u16 = (o: number) => buf.readUInt16LE(o);
  const u32 = (o: number) => buf.readUInt32LE(o);
  const header: ElfHeader = {
    type: u16(16),
    machine: u16(18),
    version: u32(20),
    entry: u32(24),
    phoff: u32(28),
    shoff: u32(32),
    flags: u32(36),
    ehsize: u16(40),
    phentsize: u16(42),
    phnum: u16(44),
    shentsize: u16(46),
    shnum: u16(48),
    shstrndx: u16(50),
  };
  let extent = 52;
  const table = (name: string, off: number, entsize: number, num: number, want: number) => {
    if (num === 0) return;
    if (entsize !== want) fail(`${name} entry size is ${entsize}, expected ${want}`);
    const end = off + entsize * num;
    if (end > buf.length) fail(`${name} table [0x${off.toString(16)}, 0x${end.toString(16)}) runs past the end of the file (${buf.length} bytes): truncated?`);
    extent = Math.max(extent, end);
  };
  table("program header", header.phoff, header.phentsize, header.phnum, 32);
  table("section header", header.shoff, header.shentsize, header.shnum, 40);

  const segments: ProgramHeader[] = [];
  for (let i = 0; i < header.phnum; i++) {
    const o = header.phoff + i * 32;
    const ph: ProgramHeader = {
      index: i,
      type: u32(o),
      offset: u32(o + 4),
      vaddr: u32(o + 8),
      paddr: u32(o + 12),
      filesz: u32(o + 16),
      memsz: u32(o + 20),
      flags: u32(o + 24),
      align: u32(o + 28),
    };
    if (ph.type === PT_LOAD && ph.offset + ph.filesz > buf.length) {
      fail(`segment ${i} file range [0x${ph.offset.toString(16)}, 0x${(ph.offset + ph.filesz).toString(16)}) runs past the end of the file (${buf.length} bytes): truncated?`);
    }
    if (ph.type === PT_LOAD) extent = Math.max(extent, ph.offset + ph.filesz);
    segments.push(ph);
  }

  const sections: SectionHeader[] = [];
  const nameOffsets: number[] = [];
  for (let i = 0; i < header.shnum; i++) {
    const o = header.shoff + i * 40;
    const sh: SectionHeader = { index: i, name: "", type: u32(o + 4), flags: u32(o + 8), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20) };
    if (sh.type !== SHT_NOBITS && sh.type !== 0) {
      if (sh.offset + sh.size > buf.length) fail(`section ${i} runs past the end of the file (${buf.length} bytes): truncated?`);
      extent = Math.max(extent, sh.offset + sh.size);
    }
    sections.push(sh);
    nameOffsets.push(u32(o));
  }
  // Section names are only for display; a broken string table leaves them empty.
  const strtab = header.shstrndx !== 0 ? sections[header.shstrndx] : undefined;
  if (strtab !== undefined) {
    sections.forEach((s, i) => {
      const off = strtab.offset + nameOffsets[i]!;
      const end = off < buf.length ? buf.indexOf(0, off) : -1;
      if (end >= 0) s.name = buf.toString("latin1", off, end);
    });
  }
  return { header, segments, sections, extent };
}

/** The loadable segments, in file order. */
export const loadSegments = (elf: Elf): ProgramHeader[] => elf.segments.filter((p) => p.type === PT_LOAD);
