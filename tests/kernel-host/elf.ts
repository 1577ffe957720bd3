// kernel/elf.ts: the checks on the process manager's header. A well-formed
// executable is built in memory, then broken one field at a time.

import { ElfProblem, Elf32Header, Elf32ProgramHeader, ELF_HEADER_SIZE, ELF_MAGIC, PROGRAM_HEADER_SIZE, PF_R, PF_W, PF_X, PT_LOAD, checkExecutable, programHeader } from "../../kernel/elf";
import { KLIMIT } from "../../kernel/layout";
import { expect, expectU32, suite } from "./check";

const FILE_SIZE: u32 = 0x2000;
const file: Arr<u8, 0x2000> = zeroed({ align: 4096 });

/** Two segments like procmgr.elf: text (headers included) and data, above KLIMIT. */
function good(): void {
  const base = addr(file);
  memset(base, 0, FILE_SIZE);
  const h = ref<Elf32Header>(base);
  h.magic = ELF_MAGIC;
  h.class = 1;
  h.data = 1;
  h.identVersion = 1;
  h.type = 2;
  h.machine = 3;
  h.version = 1;
  h.entry = 0x08048080;
  h.phoff = sizeOf<Elf32Header>();
  h.ehsize = u16(sizeOf<Elf32Header>());
  h.phentsize = u16(sizeOf<Elf32ProgramHeader>());
  h.phnum = 2;
  const text = programHeader(base, 0);
  text.type = PT_LOAD;
  text.offset = 0;
  text.vaddr = 0x08048000;
  text.paddr = 0x08048000;
  text.filesz = 0x1a5;
  text.memsz = 0x1a5;
  text.flags = PF_R | PF_X;
  text.align = 0x1000;
  const data = programHeader(base, 1);
  data.type = PT_LOAD;
  data.offset = 0x1000;
  data.vaddr = 0x08049000;
  data.paddr = 0x08049000;
  data.filesz = 0x10;
  data.memsz = 0x100;
  data.flags = PF_R | PF_W;
  data.align = 0x1000;
}

function header(): Elf32Header {
  return ref<Elf32Header>(addr(file));
}

function segment(i: u32): Elf32ProgramHeader {
  return programHeader(addr(file), i);
}

function broken(problem: ElfProblem, what: CStr): void {
  expectU32(u32(checkExecutable(addr(file), FILE_SIZE, KLIMIT)), u32(problem), what);
  good();
}

export function testElf(): void {
  suite("elf");
  good();
  broken(ElfProblem.Ok, "a well-formed executable passes");
  expectU32(u32(checkExecutable(addr(file), 40, KLIMIT)), u32(ElfProblem.TooSmall), "a file shorter than the header");
  header().magic = 0x464c457e;
  broken(ElfProblem.Magic, "bad magic");
  header().class = 2;
  broken(ElfProblem.NotElf32, "ELF64");
  header().data = 2;
  broken(ElfProblem.NotLittleEndian, "big-endian");
  header().version = 0;
  broken(ElfProblem.Version, "version 0");
  header().type = 3;
  broken(ElfProblem.NotExecutable, "a shared object");
  header().machine = 62;
  broken(ElfProblem.NotI386, "x86-64");
  header().phnum = 0;
  broken(ElfProblem.ProgramHeaders, "no program headers");
  header().phoff = 0x1ff0;
  broken(ElfProblem.ProgramHeaders, "program headers past the end of the file");
  header().phentsize = 16;
  broken(ElfProblem.ProgramHeaders, "program header entries too small");
  header().entry = 0x1000;
  broken(ElfProblem.EntryBelowLimit, "entry point below KLIMIT");
  segment(0).type = 6;
  segment(1).type = 6;
  broken(ElfProblem.NoLoadSegment, "no PT_LOAD segment");
  segment(1).filesz = 0x1001;
  broken(ElfProblem.SegmentOutsideFile, "segment bytes past the end of the file");
  segment(1).vaddr = 0x07fff000;
  broken(ElfProblem.SegmentBelowLimit, "segment below KLIMIT");
  segment(1).vaddr = 0xfffff000;
  segment(1).memsz = 0x2000;
  broken(ElfProblem.SegmentWraps, "segment wrapping past 4 GiB");
  segment(1).memsz = 0x8;
  broken(ElfProblem.SegmentMemszBelowFilesz, "memsz smaller than filesz");
  segment(1).vaddr = 0x08049800;
  broken(ElfProblem.SegmentMisaligned, "offset and address disagree modulo the page size");
  header().entry = 0x08049008;
  broken(ElfProblem.EntryNotInSegment, "entry point in a non-executable segment");
  header().entry = 0x08048400;
  broken(ElfProblem.EntryNotInSegment, "entry point past the text segment");
  // Issue 6: the rules the image tools now share.
  expect(sizeOf<Elf32Header>() === ELF_HEADER_SIZE && sizeOf<Elf32ProgramHeader>() === PROGRAM_HEADER_SIZE, "the header sizes Node uses are the structs'");
  segment(1).vaddr = 0xfffff000;
  segment(1).offset = 0x1000;
  segment(1).memsz = 0x1000;
  broken(ElfProblem.Ok, "a segment ending exactly at 4 GiB");
  segment(1).vaddr = 0xfffff000;
  segment(1).memsz = 0x1001;
  broken(ElfProblem.SegmentWraps, "a segment ending one byte past 4 GiB");
  segment(1).vaddr = 0x08049010;
  segment(1).align = 16;
  broken(ElfProblem.SegmentMisaligned, "aligned to its own p_align of 16, not to the page");
  segment(1).align = 0;
  segment(1).vaddr = 0x08049010;
  broken(ElfProblem.SegmentMisaligned, "p_align 0 does not excuse a page misalignment");
  segment(1).memsz = 0xf0000000;
  broken(ElfProblem.Ok, "a 3.75 GiB p_memsz that stays below 4 GiB");
  // Segments that meet: one set of permissions per page.
  segment(1).offset = 0x800;
  segment(1).vaddr = 0x08048800;
  segment(1).memsz = 0x100;
  broken(ElfProblem.SegmentsOverlap, "data starting on the text's page");
  segment(1).offset = 0x1000;
  segment(1).vaddr = 0x08049000;
  segment(1).memsz = 0x100;
  broken(ElfProblem.Ok, "data on the page after the text's");
  segment(1).vaddr = 0x08048000;
  segment(1).offset = 0x0;
  broken(ElfProblem.SegmentsOverlap, "data over the text");
  segment(1).vaddr = 0x08049000;
  segment(1).offset = 0x1000;
  segment(1).memsz = 0;
  segment(1).filesz = 0;
  broken(ElfProblem.Ok, "an empty segment meets nothing");
}
