// Loading an ELF executable into a process's empty address space: every
// PT_LOAD segment page by page (text read-only, data writable, the bytes
// past the file's part zero), then a user stack of USER_STACK_PAGES under
// USER_STACK_TOP holding the System V initial stack (kernel/userstack.ts).
// The file is checked first with the rules the image tool runs too
// (kernel/elf.ts: ELF32, i386, ET_EXEC, headers and segments inside the
// file, every PT_LOAD in [KLIMIT, 4 GiB), no two sharing a page), and must
// also leave the stack alone and fit in the free memory. A failure midway leaves pages in the space, which the
// caller then destroys: nothing is lost.
// tsuki: optimize for size

import { AT_TSUKI_INITRD, AT_TSUKI_INITRD_SIZE } from "./abi";
import { ElfProblem, PF_W, PT_LOAD, checkExecutable, elfHeader, programHeader } from "./elf";
import { sysenterEnabled } from "./i686/user";
import { kernelFrames } from "./memory";
import { kernelPageAlloc, kernelPageFree } from "./mm/kpages";
import { AddressSpace, SPACE_WRITABLE, SpaceResult } from "./mm/space";
import { spaceMapFresh } from "./mm/spacemap";
import { StackContents, StackImage, auxStandard, stackBuild } from "./userstack";
import { KLIMIT, PAGE_SIZE } from "./layout";

/**
 * Where the process manager finds the initrd's copy (read-only): 64 MiB
 * between its own segments (at 0x08048000) and 0x10000000, where its
 * tests' memory starts.
 */
export const INITRD_VA: u32 = 0x0c000000;
const INITRD_MAX: u32 = 0x04000000;

/** The user stack: its top (the page above stays unmapped) and its size. */
export const USER_STACK_TOP: u32 = 0xfffff000;
export const USER_STACK_PAGES: u32 = 16;
export const USER_STACK_BASE: u32 = USER_STACK_TOP - USER_STACK_PAGES * PAGE_SIZE;

export const enum LoadResult {
  Ok = 0,
  /** The ELF breaks a rule of kernel/elf.ts: `elfProblem` says which. */
  BadElf,
  /** A segment reaches into the user stack's pages. */
  OverlapsStack,
  /** More pages than the frame allocator has free. */
  TooBig,
  /** A frame, a page table or a temporary mapping ran out midway. */
  NoMemory,
  /** The arguments, environment and auxiliary vector do not fit the stack's top page. */
  StackTooSmall,
}

export const LOAD_RESULTS: readonly CStr[] = [
  "ok",
  "not a valid executable",
  "a segment overlaps the user stack",
  "it needs more pages than are free",
  "memory ran out while loading",
  "the arguments and environment do not fit the initial stack",
];

/** Where the program starts: its entry point and initial stack pointer. */
export interface Loaded {
  entry: u32;
  stack: u32;
  elfProblem: ElfProblem;
  pages: u32;
}

const aux: Arr<u32, 18> = zeroed();

function pageDown(x: u32): u32 {
  return x & ~(PAGE_SIZE - 1);
}

/** Pages [pageDown(vaddr), vaddr + memsz) covers, counted in 64 bits. */
function segmentPages(vaddr: u32, memsz: u32): u32 {
  const end = (u64(vaddr) + u64(memsz) + 0xfffn) & ~0xfffn;
  return u32((end - u64(pageDown(vaddr))) >> 12n);
}

/** One fresh page at `va` holding `n` bytes from `src` at offset `at`: false if anything ran out. */
function mapFilled(s: AddressSpace, va: u32, writable: bool, src: usize, at: u32, n: u32): bool {
  return spaceMapFresh(s, va, writable ? SPACE_WRITABLE : 0, src, at, n) === SpaceResult.Ok;
}

/** Maps one PT_LOAD segment page by page. */
function loadSegment(s: AddressSpace, file: usize, vaddr: u32, memsz: u32, offset: u32, filesz: u32, writable: bool): bool {
  const first = pageDown(vaddr);
  const pages = segmentPages(vaddr, memsz);
  for (let i: u32 = 0; i < pages; i++) {
    const va = first + i * PAGE_SIZE;
    // The part of [vaddr, vaddr + filesz) in this page, if any.
    const from = va > vaddr ? va : vaddr;
    const to64 = u64(va) + u64(PAGE_SIZE) < u64(vaddr) + u64(filesz) ? u64(va) + u64(PAGE_SIZE) : u64(vaddr) + u64(filesz);
    const n = u64(from) < to64 ? u32(to64 - u64(from)) : 0;
    if (!mapFilled(s, va, writable, file + offset + (from - vaddr), from - va, n)) return false;
  }
  return true;
}

/**
 * Copies [phys, phys + size) of physical memory (the initrd: not the frame
 * allocator's, and perhaps above what the kernel maps 1:1) into fresh
 * read-only pages at `va` in `s`, a page at a time through the kernel page
 * at `bounce`.
 */
function loadBlob(s: AddressSpace, va: u32, phys: u32, size: u32, bounce: usize): bool {
  const env = s.env;
  for (let done: u32 = 0; done < size; done += PAGE_SIZE) {
    const n = size - done < PAGE_SIZE ? size - done : PAGE_SIZE;
    // The source may straddle two physical pages when the initrd is not page aligned.
    for (let got: u32 = 0; got < n; ) {
      const pa = phys + done + got;
      const page = pageDown(pa);
      const chunk = n - got < PAGE_SIZE - (pa - page) ? n - got : PAGE_SIZE - (pa - page);
      const k = env.open(page);
      if (k === 0) return false;
      memcpy(bounce + got, k + (pa - page), chunk);
      env.close(k);
      got += chunk;
    }
    if (!mapFilled(s, va + done, false, bounce, 0, n)) return false;
  }
  return true;
}

/**
 * Loads the executable [file, file + size) into `s` (empty) and builds its
 * stack from `c` (argv, envp; the auxiliary vector is added here), with a
 * copy of the initrd [initrd, initrd + initrdSize) at INITRD_VA when there is
 * one. `out` gets the entry point and stack pointer.
 */
export function loadProgram(s: AddressSpace, file: usize, size: u32, c: StackContents, out: Loaded, initrd: u32, initrdSize: u32): LoadResult {
  // One kernel page for the load only: the initrd's bounce buffer, then the
  // stack's top page, built there and copied into its frame.
  const page = kernelPageAlloc();
  if (page === 0) return LoadResult.NoMemory;
  const r = loadInto(s, file, size, c, out, initrd, initrdSize, page);
  kernelPageFree(page);
  return r;
}

function loadInto(s: AddressSpace, file: usize, size: u32, c: StackContents, out: Loaded, initrd: u32, initrdSize: u32, page: usize): LoadResult {
  out.elfProblem = checkExecutable(file, size, KLIMIT);
  if (out.elfProblem !== ElfProblem.Ok) return LoadResult.BadElf;
  const h = elfHeader(file);
  let pages: u32 = USER_STACK_PAGES;
  for (let i: u32 = 0; i < u32(h.phnum); i++) {
    const p = programHeader(file, i);
    if (p.type !== PT_LOAD) continue;
    if (u64(p.vaddr) + u64(p.memsz) > u64(USER_STACK_BASE)) return LoadResult.OverlapsStack;
    pages += segmentPages(p.vaddr, p.memsz);
  }
  if (initrdSize > INITRD_MAX) return LoadResult.TooBig;
  pages += u32((u64(initrdSize) + 0xfffn) >> 12n);
  out.pages = pages;
  if (pages > kernelFrames().free) return LoadResult.TooBig;
  for (let i: u32 = 0; i < u32(h.phnum); i++) {
    const p = programHeader(file, i);
    if (p.type !== PT_LOAD) continue;
    if (!loadSegment(s, file, p.vaddr, p.memsz, p.offset, p.filesz, (p.flags & PF_W) !== 0)) return LoadResult.NoMemory;
  }
  if (initrdSize !== 0 && !loadBlob(s, INITRD_VA, initrd, initrdSize, page)) return LoadResult.NoMemory;
  // The stack: its top page holds the initial stack, built in `page`.
  const n = auxStandard(ptr<u32>(addr(aux)), file, USER_STACK_BASE, sysenterEnabled());
  aux[2 * n] = AT_TSUKI_INITRD;
  aux[2 * n + 1] = initrdSize === 0 ? 0 : INITRD_VA;
  aux[2 * n + 2] = AT_TSUKI_INITRD_SIZE;
  aux[2 * n + 3] = initrdSize;
  c.aux = ptr<u32>(addr(aux));
  c.auxCount = n + 2;
  const img: StackImage = zeroed();
  img.kernelBase = page;
  img.userBase = USER_STACK_TOP - PAGE_SIZE;
  img.size = PAGE_SIZE;
  memset(page, 0, PAGE_SIZE);
  const sp = stackBuild(img, c);
  if (sp === 0) return LoadResult.StackTooSmall;
  for (let i: u32 = 0; i < USER_STACK_PAGES; i++) {
    const va = USER_STACK_BASE + i * PAGE_SIZE;
    const top = i === USER_STACK_PAGES - 1;
    if (!mapFilled(s, va, true, page, 0, top ? PAGE_SIZE : 0)) return LoadResult.NoMemory;
  }
  out.entry = h.entry;
  out.stack = sp;
  return LoadResult.Ok;
}
