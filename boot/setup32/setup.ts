// The 32-bit setup code, after its first instructions (entry.S).
//
// Runs at physical addresses with paging off, on the small stack at the top
// of the setup32 page. First it makes sure the CPU meets the i586 baseline
// (kernel/i686/cpufeatures.ts): every loader reaches this code, and before it
// only i386 instructions ran. Then it turns the loader's zero page into the
// kernel's view of the machine, placed right above the image (see
// docs/layout.md and kernel/mm/bootarea.ts):
//
//   image_top = e820_map   copy of the memory map (the zero page lives in low
//                          memory, which the kernel will not map)
//   boot_heap              page aligned; the first object on it is the copy of
//                          the command line
//   boot_end               boot_heap + BOOT_AREA_SIZE; the boot stack grows
//                          down from here, the heap grows up towards it
//
// Nothing is written above the image before the checks that make it safe:
// the memory map says the whole boot area is RAM, and the initrd is not in
// it. Then it returns the microkernel's entry point; entry.S switches to the
// boot stack and calls it with the boot_info address.

import { BootInfo, CMDLINE_MAX, E820_ENTRY_SIZE, E820_MAX_ENTRIES, IMAGE_START } from "../../kernel/bootinfo";
import { ELF_ENTRY_OFFSET, KERNEL_ENTRY_PROBLEMS, KernelEntryProblem, kernelEntryProblem } from "../../kernel/kernelentry";
import { readCpu } from "../../kernel/i686/cpu";
import { CPU_BASELINE_MESSAGE, CPU_PROBLEMS, CpuInfo, CpuProblem, baselineProblem } from "../../kernel/i686/cpufeatures";
import { bootEndFor, bootHeapFor, initrdOverlaps, poisonBootArea } from "../../kernel/mm/bootarea";
import { MemorySource, ZP_E820_ENTRIES, ZP_E820_TABLE, e820IsRam, fallbackMap, memorySource } from "../../kernel/mm/e820";

/** boot_info, at offset 4 of this page (entry.S). */
declare const boot_info: u8;

// Zero page ("struct boot_params") offsets, from the Linux/x86 boot protocol.
const ZP_TYPE_OF_LOADER = 0x210; // u8
const ZP_RAMDISK_IMAGE = 0x218; // u32
const ZP_RAMDISK_SIZE = 0x21c; // u32
const ZP_CMD_LINE_PTR = 0x228; // u32

const FOUR_GIB: u64 = 0x100000000n;

const COM1: u16 = 0x3f8;
const VGA_TEXT: usize = 0xb8000;
const VGA_WHITE_ON_RED: u16 = 0x4f00;
const DEBUG_EXIT_PORT: u16 = 0xf4;
const DEBUG_EXIT_FAILURE: u8 = 0x11;

let column: u32 = 0;

// setup32's own output: a separate program in one page, it does not link the
// kernel's logger (kernel/log.ts), and it prints one line only, when it fails.

/** One character on COM1 (the kernel's console is not up yet, but QEMU and the BIOS leave the UART usable) and on the screen's top line. */
function putc(c: u8): void {
  outb(COM1, c);
  if (c !== 10 && column < 80) {
    volatileStore16(VGA_TEXT + column * 2, u16(VGA_WHITE_ON_RED | u16(c)));
    column++;
  }
}

function puts(text: CStr): void {
  const bytes = ptr<u8>(addr(text));
  for (let i: u32 = 0; bytes[i] !== 0; i++) putc(bytes[i]);
}

/** Setup cannot go on: one line `PANIC: setup32: <what><detail>` and a failure power-off. */
function fail(what: CStr, detail: CStr): void {
  puts("PANIC: setup32: ");
  puts(what);
  puts(detail);
  putc(10);
  outb(DEBUG_EXIT_PORT, DEBUG_EXIT_FAILURE);
  for (;;) hlt();
}

/** The i586 baseline, before anything that needs it. */
function checkCpu(): void {
  const cpu: CpuInfo = zeroed();
  readCpu(cpu);
  const problem = baselineProblem(cpu);
  if (problem !== CpuProblem.Ok) fail(CPU_BASELINE_MESSAGE, CPU_PROBLEMS[problem]);
}

/**
 * Copies the command line to the start of the boot heap. There is always a
 * copy, empty if the loader passed none, so the kernel has one case.
 */
function copyCmdline(info: BootInfo, zeroPage: usize): void {
  const source = ptr<u32>(zeroPage + ZP_CMD_LINE_PTR)[0];
  const copy = ptr<u8>(info.bootHeap);
  let length: u32 = 0;
  if (source !== 0) {
    const text = ptr<u8>(source);
    while (length < CMDLINE_MAX && text[length] !== 0) {
      copy[length] = text[length];
      length++;
    }
  }
  copy[length] = 0;
  info.cmdline = info.bootHeap;
  info.cmdlineSize = length + 1;
}

/** Called by entry.S with the zero page; returns the kernel's entry point. */
export function main(zeroPage: usize): usize {
  checkCpu();
  const info = ref<BootInfo>(addr(boot_info));
  info.zeroPage = zeroPage;
  info.loader = ptr<u8>(zeroPage)[ZP_TYPE_OF_LOADER];
  info.initrdStart = ptr<u32>(zeroPage + ZP_RAMDISK_IMAGE)[0];
  info.initrdSize = ptr<u32>(zeroPage + ZP_RAMDISK_SIZE)[0];

  // The memory map: e820's in the zero page, or one built from e801/88h.
  const fallback: Arr<u8, 40> = zeroed();
  const source = memorySource(zeroPage);
  let map: usize = zeroPage + ZP_E820_TABLE;
  let entries: u32 = ptr<u8>(zeroPage)[ZP_E820_ENTRIES];
  if (entries > E820_MAX_ENTRIES) entries = E820_MAX_ENTRIES;
  if (source !== MemorySource.E820) {
    map = addr(fallback);
    entries = fallbackMap(zeroPage, source, map);
  }
  if (entries === 0) fail("the BIOS gave no memory map (no e820 entry, no e801 or int 0x15 ah=0x88 answer)", "");

  // Where everything goes, computed in 64 bits; nothing is written yet.
  const bootHeap = bootHeapFor(info.imageTop, entries);
  const bootEnd = bootEndFor(bootHeap);
  // From where the loader really put the image, whatever boot_info says (the kernel checks that).
  if (bootEnd > FOUR_GIB || !e820IsRam(map, entries, u64(IMAGE_START), bootEnd)) {
    fail("no RAM for the boot heap and stack above the image", "");
  }
  if (initrdOverlaps(info.initrdStart, info.initrdSize, u64(IMAGE_START), bootEnd)) {
    fail("the initrd overlaps the boot heap and stack", "");
  }

  // Safe to write: [image_start, boot_end) is RAM and nobody else's.
  info.e820Map = info.imageTop;
  info.e820Entries = entries;
  memcpy(info.e820Map, map, entries * E820_ENTRY_SIZE);
  info.bootHeap = u32(bootHeap);
  info.bootEnd = u32(bootEnd);
  poisonBootArea(info.bootHeap, info.bootEnd);
  copyCmdline(info, zeroPage);

  const entry = ptr<u32>(info.kernelStart + ELF_ENTRY_OFFSET)[0];
  const problem = kernelEntryProblem(info.kernelStart, info.kernelSize, ptr<u32>(info.kernelStart)[0], entry);
  if (problem !== KernelEntryProblem.Ok) fail(KERNEL_ENTRY_PROBLEMS[problem], "");
  return entry;
}
