// The kernel's own rules, run on an image by the tools. The checks the
// kernel and setup32 make at boot are pure subset functions (kernel/layout.ts,
// kernel/elf.ts, kernel/kernelentry.ts, kernel/mm/bootarea.ts, kernel/mm/vm.ts)
// that compute the same under Node; this module loads those very sources
// with tools/subset-node.ts and calls them with values read from the image.
// So `tsuki image` and `tsuki inspect` refuse exactly what the kernel would
// refuse at every boot, and say it with the kernel's words: there is no
// second copy of a rule to drift.

import path from "node:path";
import { moduleLoader } from "./subset-node.js";
import { ROOT } from "./realmode.js";

type Exports = Record<string, unknown>;
let loaded: Record<string, Exports> | undefined;

function kernel(): Record<string, Exports> {
  if (loaded === undefined) {
    const l = moduleLoader();
    const m = (p: string) => l.load(path.join(ROOT, "kernel", p));
    loaded = {
      layout: m("layout.ts"), elf: m("elf.ts"), entry: m("kernelentry.ts"), bootarea: m("mm/bootarea.ts"),
      bootinfo: m("bootinfo.ts"), cmdline: m("cmdline.ts"),
    };
  }
  return loaded;
}

const fn = (mod: string, name: string) => kernel()[mod]![name] as (...args: unknown[]) => unknown;
const table = (mod: string, name: string) => kernel()[mod]![name] as readonly string[];
const num = (mod: string, name: string) => kernel()[mod]![name] as number;
/** A const enum as the kernel declares it (name -> value), for tests that enumerate rules. */
export const kernelEnum = (mod: string, name: string): Record<string, number> => {
  const e = kernel()[mod]![name] as Record<string, number | string>;
  return Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === "number")) as Record<string, number>;
};
export const kernelMessages = (mod: string, name: string): readonly string[] => table(mod, name);

/** Constants the tools share with the kernel. */
export const kernelConstant = (mod: "cmdline" | "bootinfo" | "layout" | "bootarea", name: string): number => num(mod, name);

// ---- the process manager's ELF (kernel/elf.ts) ----------------------------

/** Why the kernel would refuse `file` as the process manager, in its words, or undefined. */
export function procmgrProblem(file: Buffer): string | undefined {
  const size = file.length;
  const klimit = num("layout", "KLIMIT");
  const headerSize = num("elf", "ELF_HEADER_SIZE");
  const messages = table("elf", "ELF_PROBLEMS");
  if (size < headerSize) return messages[fn("elf", "checkElfHeader")({}, size, klimit) as number];
  const h = {
    magic: file.readUInt32LE(0), class: file[4], data: file[5], identVersion: file[6],
    type: file.readUInt16LE(16), machine: file.readUInt16LE(18), version: file.readUInt32LE(20), entry: file.readUInt32LE(24),
    phoff: file.readUInt32LE(28), phentsize: file.readUInt16LE(42), phnum: file.readUInt16LE(44),
  };
  let p = fn("elf", "checkElfHeader")(h, size, klimit) as number;
  // checkExecutable's steps, in its order, on headers read from the buffer.
  const phs: Record<string, number>[] = [];
  if (p === 0) {
    const scan = { loads: 0, entryFound: false };
    for (let i = 0; i < h.phnum && p === 0; i++) {
      const o = h.phoff + i * h.phentsize;
      const ph = {
        type: file.readUInt32LE(o), offset: file.readUInt32LE(o + 4), vaddr: file.readUInt32LE(o + 8), paddr: file.readUInt32LE(o + 12),
        filesz: file.readUInt32LE(o + 16), memsz: file.readUInt32LE(o + 20), flags: file.readUInt32LE(o + 24), align: file.readUInt32LE(o + 28),
      };
      phs.push(ph);
      p = fn("elf", "checkSegment")(h, ph, size, klimit, scan) as number;
    }
    if (p === 0) p = fn("elf", "finishScan")(scan) as number;
  }
  for (let i = 0; i < phs.length && p === 0; i++) {
    for (let j = i + 1; j < phs.length && p === 0; j++) {
      if (fn("elf", "segmentsShareAPage")(phs[i], phs[j]) === true) p = kernelEnum("elf", "ElfProblem").SegmentsOverlap!;
    }
  }
  return p === 0 ? undefined : messages[p];
}

// ---- the kernel ELF at kernel_start, as setup32 checks it (kernel/kernelentry.ts)

/** Why setup32 would refuse to call the kernel at kernel_start, or undefined. */
export function kernelEntryProblem(kernelStart: number, kernelSize: number, file: Buffer): string | undefined {
  const magic = file.length >= 4 ? file.readUInt32LE(0) : 0;
  const entry = file.length >= 0x1c ? file.readUInt32LE(num("entry", "ELF_ENTRY_OFFSET")) : 0;
  const p = fn("entry", "kernelEntryProblem")(kernelStart, kernelSize, magic, entry) as number;
  return p === 0 ? undefined : table("entry", "KERNEL_ENTRY_PROBLEMS")[p];
}

// ---- the layout self-check (kernel/layout.ts) ------------------------------

/** What an image fixes of the layout: boot_info as the image tool wrote it, and the kernel's link range. */
export interface ImageLayout {
  imageStart: number;
  imageTop: number;
  kernelStart: number;
  kernelSize: number;
  procStart: number;
  procSize: number;
  /** First and past-last byte of the kernel's memory (__kernel_start, __kernel_end): its PT_LOAD range. */
  kernelLinkStart: number;
  kernelLinkEnd: number;
}

/**
 * The boot area every boot of this image gets (setup32's and the kernel's own
 * arithmetic), e820 table full. kernel_region_top also holds the frame
 * allocator's storage, which grows with the machine's RAM (up to about 33
 * pages at 4 GiB); this is the lowest it can be (no storage), so a rule it
 * breaks is broken at every boot.
 */
export function bootAreaOf(imageTop: number): { bootHeap: bigint; bootEnd: bigint; kernelRegionTop: number | undefined } {
  const bootHeap = fn("bootarea", "bootHeapFor")(imageTop, num("bootinfo", "E820_MAX_ENTRIES")) as bigint;
  const bootEnd = fn("bootarea", "bootEndFor")(bootHeap) as bigint;
  const top = fn("bootarea", "kernelRegionTopFor")(bootEnd, FRAME_STORAGE_LEAST) as bigint;
  const kernelRegionTop = top < 1n << 32n ? Number(top) : undefined;
  return { bootHeap, bootEnd, kernelRegionTop };
}

/** The frame storage the tools assume (see bootAreaOf). */
const FRAME_STORAGE_LEAST = 0;

/**
 * The rule of the kernel's layout self-check that this image breaks at every
 * boot, in the kernel's words, or undefined. The parts that depend on the
 * machine are set as on the best boot there can be: a full e820 table (128
 * entries: the boot heap starts one page above image_top whatever the count),
 * an empty command line, a fresh stack, the kernel region in RAM, no initrd.
 */
export function layoutProblem(img: ImageLayout): string | undefined {
  const area = bootAreaOf(img.imageTop);
  const hex = (n: number | bigint) => `0x${n.toString(16).padStart(8, "0")}`;
  if (area.kernelRegionTop === undefined || area.kernelRegionTop > 0xffffffff) {
    return `setup32: no RAM for the boot heap and stack above the image (the boot area would end at ${hex(area.bootEnd)}, past 4 GiB)`;
  }
  const bootHeap = Number(area.bootHeap);
  const bootEnd = Number(area.bootEnd);
  const l = {
    ...img,
    e820Map: img.imageTop, e820Entries: num("bootinfo", "E820_MAX_ENTRIES"), bootHeap, cmdline: bootHeap, cmdlineSize: 1, bootHeapTop: bootHeap + 1,
    bootStack: bootEnd - 4, bootEnd, frameStorageBytes: FRAME_STORAGE_LEAST, kernelRegionTop: area.kernelRegionTop, initrdStart: 0, initrdSize: 0, kernelRegionIsRam: true,
  };
  const rule = fn("layout", "checkLayout")(l) as number;
  if (rule === 0) return undefined;
  const words = table("layout", "LAYOUT_RULES")[rule]!;
  const klimit = num("layout", "KLIMIT");
  const where = rule === kernelEnum("layout", "LayoutRule")["KernelRegionBelowKlimit"]
    ? ` (boot area [${hex(img.imageTop)}, ${hex(bootEnd)}), initial page tables up to kernel_region_top ${hex(area.kernelRegionTop)}; KLIMIT is ${hex(klimit)})`
    : "";
  return `${words}${where}`;
}
