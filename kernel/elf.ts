// ELF32 executables: the header checks the kernel makes before it trusts the
// process manager's file (System V ABI, i386 supplement). Pure: tested on the
// host too. The rules themselves (checkElfHeader, checkSegment, finishScan)
// take the headers as values and compute the same under Node, so `tsuki
// image` and `tsuki inspect` run them on the image (tools/kernelrules.ts):
// what they accept, the kernel accepts.
// tsuki: optimize for size

export interface Elf32Header extends Packed {
  magic: u32; //      "\x7fELF"
  class: u8; //       1 = 32-bit
  data: u8; //        1 = little-endian
  identVersion: u8; // 1
  osAbi: u8;
  padding: Arr<u8, 8>;
  type: u16; //       2 = executable
  machine: u16; //    3 = i386
  version: u32; //    1
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

export interface Elf32ProgramHeader extends Packed {
  type: u32;
  offset: u32;
  vaddr: u32;
  paddr: u32;
  filesz: u32;
  memsz: u32;
  flags: u32;
  align: u32;
}

export const ELF_MAGIC: u32 = 0x464c457f;
export const PT_LOAD: u32 = 1;
export const PF_X: u32 = 1;
export const PF_W: u32 = 2;
export const PF_R: u32 = 4;

export const enum ElfProblem {
  Ok = 0,
  TooSmall,
  Magic,
  NotElf32,
  NotLittleEndian,
  Version,
  NotExecutable,
  NotI386,
  ProgramHeaders,
  NoLoadSegment,
  SegmentOutsideFile,
  SegmentBelowLimit,
  SegmentWraps,
  SegmentMisaligned,
  EntryBelowLimit,
  EntryNotInSegment,
  SegmentMemszBelowFilesz,
  SegmentsOverlap,
}

export const ELF_PROBLEMS: readonly CStr[] = [
  "ok",
  "file smaller than an ELF header",
  "no ELF magic",
  "not ELF32 (class 1)",
  "not little-endian",
  "unknown ELF version",
  "not an executable (ET_EXEC)",
  "not for i386 (EM_386)",
  "program header table missing or outside the file",
  "no PT_LOAD segment",
  "a segment's file bytes lie outside the file",
  "a segment lies below the user address limit",
  "a segment wraps past 4 GiB",
  "a segment's offset and address disagree modulo the page size",
  "the entry point lies below the user address limit",
  "the entry point is not in an executable segment",
  "a segment's memory size is smaller than its file size",
  "two segments overlap or share a page (each page gets one set of permissions)",
];

/** sizeOf<Elf32Header>() and sizeOf<Elf32ProgramHeader>(), as numbers Node can use too (host-tested). */
export const ELF_HEADER_SIZE: u32 = 52;
export const PROGRAM_HEADER_SIZE: u32 = 32;
const FOUR_GIB: u64 = 0x100000000n;
const PAGE_OFFSET_MASK: u32 = 0xfff;

export function elfHeader(file: usize): Elf32Header {
  return ref<Elf32Header>(file);
}

export function programHeader(file: usize, i: u32): Elf32ProgramHeader {
  const h = elfHeader(file);
  return ref<Elf32ProgramHeader>(file + h.phoff + i * h.phentsize);
}

/** What the walk over the program headers has seen so far. */
export interface ElfScan {
  loads: u32;
  entryFound: bool;
}

/** The header's rules, for a file of `size` bytes whose code must lie at or above `lowest`. */
export function checkElfHeader(h: Elf32Header, size: u32, lowest: u32): ElfProblem {
  if (size < ELF_HEADER_SIZE) return ElfProblem.TooSmall;
  if (h.magic !== ELF_MAGIC) return ElfProblem.Magic;
  if (h.class !== 1) return ElfProblem.NotElf32;
  if (h.data !== 1) return ElfProblem.NotLittleEndian;
  if (h.identVersion !== 1 || h.version !== 1) return ElfProblem.Version;
  if (h.type !== 2) return ElfProblem.NotExecutable;
  if (h.machine !== 3) return ElfProblem.NotI386;
  if (h.phnum === 0 || u32(h.phentsize) < PROGRAM_HEADER_SIZE) return ElfProblem.ProgramHeaders;
  if (h.phoff > size || u64(h.phnum) * u64(h.phentsize) > u64(size - h.phoff)) return ElfProblem.ProgramHeaders;
  if (h.entry < lowest) return ElfProblem.EntryBelowLimit;
  return ElfProblem.Ok;
}

/** One program header's rules; PT_LOAD segments are counted in `scan`. */
export function checkSegment(h: Elf32Header, p: Elf32ProgramHeader, size: u32, lowest: u32, scan: ElfScan): ElfProblem {
  if (p.type !== PT_LOAD) return ElfProblem.Ok;
  scan.loads++;
  if (p.offset > size || p.filesz > size - p.offset) return ElfProblem.SegmentOutsideFile;
  if (p.vaddr < lowest) return ElfProblem.SegmentBelowLimit;
  if (p.memsz < p.filesz) return ElfProblem.SegmentMemszBelowFilesz;
  // [vaddr, vaddr + memsz) may end exactly at 4 GiB, not past it.
  if (u64(p.vaddr) + u64(p.memsz) > FOUR_GIB) return ElfProblem.SegmentWraps;
  if ((p.vaddr & PAGE_OFFSET_MASK) !== (p.offset & PAGE_OFFSET_MASK)) return ElfProblem.SegmentMisaligned;
  if ((p.flags & PF_X) !== 0 && h.entry >= p.vaddr && h.entry - p.vaddr < p.memsz) scan.entryFound = true;
  return ElfProblem.Ok;
}

/** The rules about the segments as a whole, once every program header was checked. */
export function finishScan(scan: ElfScan): ElfProblem {
  if (scan.loads === 0) return ElfProblem.NoLoadSegment;
  if (!scan.entryFound) return ElfProblem.EntryNotInSegment;
  return ElfProblem.Ok;
}

/**
 * Checks that the `size` bytes at `file` are an i386 ELF32 executable whose
 * loadable segments and entry point all lie at or above `lowest` (KLIMIT for
 * a user program), consistent enough to be loaded page by page.
 */
export function checkExecutable(file: usize, size: u32, lowest: u32): ElfProblem {
  // The header's rules read only what the size check guarantees is in the file.
  if (size < ELF_HEADER_SIZE) return ElfProblem.TooSmall;
  const h = elfHeader(file);
  const problem = checkElfHeader(h, size, lowest);
  if (problem !== ElfProblem.Ok) return problem;
  const scan: ElfScan = zeroed();
  for (let i: u32 = 0; i < u32(h.phnum); i++) {
    const p = checkSegment(h, programHeader(file, i), size, lowest, scan);
    if (p !== ElfProblem.Ok) return p;
  }
  const whole = finishScan(scan);
  if (whole !== ElfProblem.Ok) return whole;
  for (let i: u32 = 0; i < u32(h.phnum); i++) {
    for (let j: u32 = i + 1; j < u32(h.phnum); j++) {
      if (segmentsShareAPage(programHeader(file, i), programHeader(file, j))) return ElfProblem.SegmentsOverlap;
    }
  }
  return ElfProblem.Ok;
}

/**
 * True if two program headers are both PT_LOAD (and not empty) and the pages
 * they cover meet: overlapping segments, or a page with the end of one and
 * the start of the other (which one set of permissions cannot serve). The
 * segments were checked not to wrap, so the sums fit in 64 bits.
 */
export function segmentsShareAPage(a: Elf32ProgramHeader, b: Elf32ProgramHeader): bool {
  if (a.type !== PT_LOAD || b.type !== PT_LOAD || a.memsz === 0 || b.memsz === 0) return false;
  const aFirst = u64(a.vaddr) >> 12n;
  const aLast = (u64(a.vaddr) + u64(a.memsz) - 1n) >> 12n;
  const bFirst = u64(b.vaddr) >> 12n;
  const bLast = (u64(b.vaddr) + u64(b.memsz) - 1n) >> 12n;
  return aFirst <= bLast && bFirst <= aLast;
}
