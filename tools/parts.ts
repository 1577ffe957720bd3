// Rules for the image's parts, shared by `tsuki image` (which refuses bad
// parts) and `tsuki inspect` (which finds them in a built image). Each check
// returns human-readable problems instead of throwing, so inspect can report
// all of them; image stops at the first.

import { EM_386, ET_EXEC, PF_X, loadSegments, machineName, readElf, typeName, ElfError, type Elf } from "./elf.js";
import {
  BOOT_INFO_OFFSET, BOOT_INFO_SIGNATURE, BOOT_INFO_SIZE, BOOT_INFO_VERSION, HDRS, JUMP, KERNEL_START, KLIMIT,
  MAX_SETUP_SECTS, PAGE, PROTOCOL_VERSION, SECTOR, SETUP32_SIZE, hex, roundUp,
} from "./bootproto.js";

const pageOf = (a: number) => Math.floor(a / PAGE);

/** Parses an ELF part; a malformed one yields its error as a problem. */
export function parseElfPart(buf: Buffer, what: string): { elf?: Elf; problems: string[] } {
  try {
    return { elf: readElf(buf, what), problems: [] };
  } catch (e) {
    if (e instanceof ElfError) return { problems: [e.message] };
    throw e;
  }
}

/** Rules every executable part obeys: i386 ET_EXEC, sane, non-overlapping, page-separated segments. */
function checkExecutable(elf: Elf, what: string): string[] {
  const p: string[] = [];
  const h = elf.header;
  if (h.machine !== EM_386) p.push(`${what}: e_machine is ${machineName(h.machine)} (${h.machine}), expected i386 (3)`);
  if (h.type !== ET_EXEC) p.push(`${what}: e_type is ${typeName(h.type)}, expected ET_EXEC (2): link it as a static executable`);
  const segs = loadSegments(elf);
  if (segs.length === 0) {
    p.push(`${what}: no PT_LOAD segments`);
    return p;
  }
  for (const s of segs) {
    const name = `${what}: segment ${s.index} (vaddr ${hex(s.vaddr)})`;
    if (s.memsz < s.filesz) p.push(`${name}: p_memsz ${hex(s.memsz)} is smaller than p_filesz ${hex(s.filesz)}`);
    if (s.vaddr + s.memsz > 0x100000000) p.push(`${name}: runs past 4 GiB`);
    if (s.align > 1) {
      if ((s.align & (s.align - 1)) !== 0) p.push(`${name}: p_align ${hex(s.align)} is not a power of two`);
      else if (s.vaddr % s.align !== s.offset % s.align) {
        p.push(`${name}: misaligned: p_vaddr mod p_align (${hex(s.vaddr % s.align)}) must equal p_offset mod p_align (${hex(s.offset % s.align)})`);
      }
    }
  }
  const sorted = [...segs].sort((a, b) => a.vaddr - b.vaddr);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const aEnd = a.vaddr + a.memsz;
    if (aEnd > b.vaddr) {
      p.push(`${what}: segments ${a.index} [${hex(a.vaddr)}, ${hex(aEnd)}) and ${b.index} [${hex(b.vaddr)}, ${hex(b.vaddr + b.memsz)}) overlap`);
    } else if (a.memsz > 0 && pageOf(aEnd - 1) === pageOf(b.vaddr)) {
      // Each page gets one set of permissions, so text and data cannot share one.
      p.push(`${what}: segments ${a.index} and ${b.index} share the page ${hex(pageOf(b.vaddr) * PAGE)}: start each segment on its own page`);
    }
  }
  const inExec = segs.some((s) => (s.flags & PF_X) !== 0 && h.entry >= s.vaddr && h.entry < s.vaddr + s.memsz);
  if (!inExec) p.push(`${what}: entry point ${hex(h.entry)} is not inside an executable PT_LOAD segment`);
  return p;
}

/**
 * The microkernel runs in place at kernel_start: the boot loader's copy of
 * the file *is* the loaded kernel, so every segment's address must equal
 * kernel_start + its file offset, physical = virtual (paging is 1:1 there),
 * and its memory (including .bss) must end inside the kernel's part, before
 * the process manager at proc_start.
 */
export function checkKernelElf(elf: Elf, partSpan: number, what = "kernel ELF"): string[] {
  const p = checkExecutable(elf, what);
  for (const s of loadSegments(elf)) {
    const name = `${what}: segment ${s.index}`;
    const want = KERNEL_START + s.offset;
    if (s.vaddr !== want) {
      p.push(`${name}: p_vaddr is ${hex(s.vaddr)}, expected ${hex(want)} (kernel_start ${hex(KERNEL_START)} + p_offset ${hex(s.offset)}): the kernel runs in place, link it so that every segment's address is kernel_start + its file offset`);
    } else if (s.paddr !== s.vaddr) {
      p.push(`${name}: p_paddr is ${hex(s.paddr)}, expected ${hex(s.vaddr)} (= p_vaddr; the kernel region is mapped 1:1)`);
    }
    const end = s.vaddr + s.memsz;
    const limit = KERNEL_START + partSpan;
    if (s.vaddr === want && end > limit) {
      p.push(`${name}: memory ends at ${hex(end)}, past the kernel part's end ${hex(limit)}: .bss would overwrite the process manager; reserve .bss inside the file (give it file space in the linker script)`);
    }
  }
  return p;
}

/** The process manager is copied into user space by the kernel, so it must live above KLIMIT. */
export function checkProcElf(elf: Elf, what = "procmgr ELF"): string[] {
  const p = checkExecutable(elf, what);
  for (const s of loadSegments(elf)) {
    if (s.vaddr < KLIMIT) {
      p.push(`${what}: segment ${s.index} at ${hex(s.vaddr)} is below KLIMIT ${hex(KLIMIT)}: the process manager runs in user space, link it at or above KLIMIT`);
    }
  }
  return p;
}

/** The 16-bit setup part begins with the second half of the setup header. */
export function checkSetup16(buf: Buffer): string[] {
  const p: string[] = [];
  if (buf.length < 0x30) return [`setup16: ${buf.length} bytes, too short to hold the setup header's second half (0x30 bytes from 0x200)`];
  if (buf.readUInt16LE(0) !== JUMP) p.push(`setup16: first bytes are ${buf.subarray(0, 2).toString("hex")}, expected eb 2e (jump over the 2.04 header to 0x230)`);
  if (buf.readUInt32LE(2) !== HDRS) p.push(`setup16: no "HdrS" at offset 2 (file offset 0x202): not built from boot/boot.S's .header section?`);
  else if (buf.readUInt16LE(6) !== PROTOCOL_VERSION) p.push(`setup16: boot protocol version is ${hex(buf.readUInt16LE(6), 4)}, expected 0x0204`);
  const sects = Math.ceil(buf.length / SECTOR);
  if (sects > MAX_SETUP_SECTS) p.push(`setup16: ${buf.length} bytes is ${sects} sectors, more than the ${MAX_SETUP_SECTS} GRUB reads`);
  return p;
}

/** setup32: at most one page, `eb XX` over boot_info, then the "TSKI" signature and the boot_info version. */
export function checkSetup32(buf: Buffer): string[] {
  const p: string[] = [];
  if (buf.length > SETUP32_SIZE) p.push(`setup32: ${buf.length} bytes, larger than ${SETUP32_SIZE} (it must fit in one page so that kernel_start = ${hex(KERNEL_START)})`);
  if (buf.length < BOOT_INFO_OFFSET + BOOT_INFO_SIZE) return [...p, `setup32: ${buf.length} bytes, too short to hold boot_info (needs ${BOOT_INFO_OFFSET + BOOT_INFO_SIZE})`];
  if (buf.readUInt32LE(BOOT_INFO_OFFSET) !== BOOT_INFO_SIGNATURE) {
    p.push(`setup32: boot_info signature at offset 4 is ${hex(buf.readUInt32LE(BOOT_INFO_OFFSET))}, expected ${hex(BOOT_INFO_SIGNATURE)} ("TSKI")`);
    return p;
  }
  const version = buf.readUInt32LE(BOOT_INFO_OFFSET + 4);
  if (version !== BOOT_INFO_VERSION) p.push(`setup32: boot_info version is ${version}, expected ${BOOT_INFO_VERSION}`);
  const target = 2 + buf.readInt8(1);
  if (buf[0] !== 0xeb) p.push(`setup32: first byte is ${buf[0]!.toString(16).padStart(2, "0")}, expected eb (a short jump over boot_info)`);
  else if (target < BOOT_INFO_OFFSET + BOOT_INFO_SIZE) {
    p.push(`setup32: the jump at offset 0 lands at ${hex(target, 2)}, inside boot_info; expected at least ${hex(BOOT_INFO_OFFSET + BOOT_INFO_SIZE, 2)}`);
  }
  return p;
}

/** Where each protected-mode part goes, from the part sizes alone. */
export interface PmLayout {
  kernelStart: number;
  kernelSize: number;
  kernelSpan: number; // kernel part size in the image, padded to a page
  procStart: number;
  procSize: number;
  imageTop: number;
}

export function pmLayout(kernelSize: number, procSize: number): PmLayout {
  const kernelSpan = roundUp(kernelSize, PAGE);
  const procStart = KERNEL_START + kernelSpan;
  return { kernelStart: KERNEL_START, kernelSize, kernelSpan, procStart, procSize, imageTop: roundUp(procStart + procSize, PAGE) };
}
