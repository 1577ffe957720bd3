// A new program's first user stack, in the i386 System V layout (the ABI's
// "Process Stack and Registers"): from the stack pointer up,
//
//   argc
//   argv[0] ... argv[argc - 1], 0
//   envp[0] ... envp[envc - 1], 0
//   auxv: (type, value) pairs, ending with (AT_NULL, 0)
//   (padding)
//   the strings argv and envp point at
//   <- top
//
// The stack pointer is 16-byte aligned. Pure: the image is written through a
// kernel address for its bytes (`kernelBase`) while every pointer in it is a
// user address (`userBase` and up), so the host tests check it byte by byte
// (tests/kernel-host/userstack.ts) and the kernel writes it through a
// temporary mapping or a buffer before mapping it. The auxiliary vector's
// types are the ABI's (kernel/abi.ts).
// tsuki: optimize for size

import { AT_ENTRY, AT_NULL, AT_PAGESZ, AT_PHDR, AT_PHENT, AT_PHNUM, AT_TSUKI_STACK_BASE, AT_TSUKI_SYSCALL, SYSCALL_INT80, SYSCALL_SYSENTER } from "./abi";
import { PROGRAM_HEADER_SIZE, PT_LOAD, elfHeader, programHeader } from "./elf";

/** Where the image goes: `size` bytes ending at the stack's top, seen by the kernel and by the program. */
export interface StackImage {
  kernelBase: usize;
  userBase: u32;
  size: u32;
}

/**
 * The strings and the auxiliary vector to put on the stack: `argv` and
 * `envp` hold the kernel addresses of NUL-terminated strings (words of the
 * command line, copied first); `aux` holds `auxCount` (type, value) pairs
 * without the final AT_NULL.
 */
export interface StackContents {
  argv: Ptr<u32>;
  argc: u32;
  envp: Ptr<u32>;
  envc: u32;
  aux: Ptr<u32>;
  auxCount: u32;
}

function stringBytes(address: usize): u32 {
  const p = ptr<u8>(address);
  let n: u32 = 0;
  while (p[n] !== 0) n++;
  return n + 1;
}

/**
 * Writes the stack into `img` and returns the user stack pointer, or 0 if it
 * does not fit (nothing then means anything: the caller refuses to start the
 * program).
 */
export function stackBuild(img: StackImage, c: StackContents): u32 {
  let strings: u32 = 0;
  for (let i: u32 = 0; i < c.argc; i++) strings += stringBytes(c.argv[i]);
  for (let i: u32 = 0; i < c.envc; i++) strings += stringBytes(c.envp[i]);
  const words = 1 + (c.argc + 1) + (c.envc + 1) + 2 * (c.auxCount + 1);
  if (u64(strings) + u64(words) * 4n > u64(img.size)) return 0;
  const top = img.userBase + img.size;
  // Strings at the top, argv's first, in order.
  let at = top - strings;
  const stringsAt = at;
  const sp = (stringsAt - words * 4) & ~0xf;
  if (sp < img.userBase) return 0; // aligning took it below the image
  const word = ptr<u32>(img.kernelBase + (sp - img.userBase));
  let w: u32 = 0;
  word[w++] = c.argc;
  for (let i: u32 = 0; i < c.argc; i++) {
    const n = stringBytes(c.argv[i]);
    memcpy(img.kernelBase + (at - img.userBase), c.argv[i], n);
    word[w++] = at;
    at += n;
  }
  word[w++] = 0;
  for (let i: u32 = 0; i < c.envc; i++) {
    const n = stringBytes(c.envp[i]);
    memcpy(img.kernelBase + (at - img.userBase), c.envp[i], n);
    word[w++] = at;
    at += n;
  }
  word[w++] = 0;
  for (let i: u32 = 0; i < c.auxCount; i++) {
    word[w++] = c.aux[2 * i];
    word[w++] = c.aux[2 * i + 1];
  }
  word[w++] = AT_NULL;
  word[w++] = 0;
  // Padding between the vector and the strings: zeros, not leftovers.
  const end = sp + w * 4;
  if (end < stringsAt) memset(img.kernelBase + (end - img.userBase), 0, stringsAt - end);
  return sp;
}

/** The user address of the program headers: where the PT_LOAD segment that holds them in the file maps them (0 if none does). */
function phdrAddress(file: usize, phoff: u32, phnum: u32): u32 {
  for (let i: u32 = 0; i < phnum; i++) {
    const p = programHeader(file, i);
    if (p.type === PT_LOAD && phoff >= p.offset && u64(phoff) + u64(phnum * PROGRAM_HEADER_SIZE) <= u64(p.offset) + u64(p.filesz)) {
      return p.vaddr + (phoff - p.offset);
    }
  }
  return 0;
}

/**
 * The auxiliary vector every program gets, whoever loads it (the kernel for
 * the process manager, the process manager for the rest): AT_PHDR, AT_PHENT,
 * AT_PHNUM, AT_PAGESZ, AT_ENTRY for the checked ELF at `file`, its stack's
 * base, and which system-call entry to use. Writes the pairs at `aux` (room
 * for 7) and returns how many.
 */
export function auxStandard(aux: Ptr<u32>, file: usize, stackBase: u32, sysenter: bool): u32 {
  const h = elfHeader(file);
  aux[0] = AT_PHDR;
  aux[1] = phdrAddress(file, h.phoff, u32(h.phnum));
  aux[2] = AT_PHENT;
  aux[3] = PROGRAM_HEADER_SIZE;
  aux[4] = AT_PHNUM;
  aux[5] = u32(h.phnum);
  aux[6] = AT_PAGESZ;
  aux[7] = 0x1000;
  aux[8] = AT_ENTRY;
  aux[9] = h.entry;
  aux[10] = AT_TSUKI_STACK_BASE;
  aux[11] = stackBase;
  aux[12] = AT_TSUKI_SYSCALL;
  aux[13] = sysenter ? SYSCALL_SYSENTER : SYSCALL_INT80;
  return 7;
}
