// The numbers of docs/layout.md, generated from a build and a boot (QEMU
// -kernel, 128 MB, empty command line), so that the document cannot drift
// from what the tools and the kernel really do. `npm run docs` rewrites the
// generated blocks; tests/docs.test.ts fails when they differ from a fresh
// build. Only the blocks between the markers are generated; the prose
// around them gives no numbers that change with the code.

import { readFileSync } from "node:fs";
import { readElf, loadSegments } from "./elf.js";
import type { BuildResult } from "./build.js";
import { debugElfsFor } from "./symbolize.js";
import { imageInfo, layoutModel, layoutText } from "./layoutdraw.js";
import { checkRules } from "./layoutrules.js";

export const BEGIN = (name: string) => `<!-- generated:${name} by tools/layoutdoc.ts (npm run docs); do not edit -->`;
export const END = (name: string) => `<!-- end:${name} -->`;

const hex8 = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
const hex4 = (n: number) => `0x${n.toString(16).padStart(4, "0")}`;
const dec = (n: number) => n.toLocaleString("en-US");

/** The generated blocks, by name, for a build and the serial log of its 128 MB QEMU boot. */
export function layoutDocBlocks(b: BuildResult, serial: string): Record<string, string> {
  const v = (name: string): number => {
    const m = new RegExp(`^layout: ${name}=0x([0-9a-f]{8})\\r?$`, "m").exec(serial);
    if (m === null) throw new Error(`the boot printed no layout: ${name} line`);
    return parseInt(m[1]!, 16);
  };
  const image = readFileSync(b.image);
  const setup32 = readFileSync(b.setup32).length;
  const kernelFile = readFileSync(b.kernel);
  const procSize = readFileSync(b.procmgr).length;
  const sects = image[0x1f1]!;
  const pm = 512 * (1 + sects);
  const kernel = readElf(kernelFile, "kernel ELF");
  // The image's kernel ELF has no symbols: they are in the debug ELF beside it.
  const debugKernel = readFileSync(debugElfsFor(b.image).kernel);
  const sym = (name: string) => symbol(debugKernel, name);
  const segs = loadSegments(kernel);
  const data = segs[segs.length - 1]!;
  const textEnd = sym("__text_end");
  const bssStart = sym("__bss_start");
  const kib = Number(/^physmap: (\d+) KiB available\r?$/m.exec(serial)?.[1]);
  const hw = /^boot: stack high-water mark 0x([0-9a-f]{8}), (\d+) of (\d+) reserved bytes used\r?$/m.exec(serial);
  if (hw === null || Number.isNaN(kib)) throw new Error("the boot printed no stack or physmap total line");
  const readOnlyEnd = Math.ceil(textEnd / 0x1000) * 0x1000;
  const entries = v("e820_entries");
  const storage = v("frame_storage");

  const file = [
    `\`tsuki build\` writes \`build/tsuki.img\` (${dec(image.length)} bytes) with \`tsuki image\`:`,
    "",
    "| file offset | part | size | loaded at |",
    "|---|---|---|---|",
    "| 0x0000 | boot sector (`boot/boot.S`), setup header at 0x1F1 | 512 | real-mode segment (0x1000 QEMU, 0x9000 GRUB) |",
    `| 0x0200 | 16-bit setup (\`boot/setup16.S\`), \`setup_sects\` = ${sects} sectors | ${sects} × 512 | after the boot sector |`,
    `| ${hex4(pm)} | 32-bit setup (\`boot/setup32/\`), padded to one page | ${dec(setup32)} → 4096 | 0x100000 = \`image_start\` |`,
    `| ${hex4(pm + 0x1000)} | microkernel ELF (\`build/kernel.elf\`), padded to a page | ${dec(kernelFile.length)} | 0x101000 = \`kernel_start\` |`,
    `| ${hex4(pm + v("proc_start") - 0x100000)} | process manager ELF (\`build/procmgr.elf\`) | ${dec(procSize)} | ${hex8(v("proc_start"))} = \`proc_start\` |`,
  ];
  const bi = (off: number, name: string, by: string, value: string) => `| ${`0x${off.toString(16).padStart(2, "0")}`} | ${name} | ${by} | ${value} |`;
  const info = [
    "| offset | field | written by | value at 128 MB |",
    "|---|---|---|---|",
    bi(0x00, "signature", "assembler", `${hex8(v("signature"))} ("TSKI")`),
    bi(0x04, "version", "assembler", String(v("version"))),
    ...(["image_start", "image_top", "kernel_start", "kernel_size", "proc_start", "proc_size"] as const).map((n, i) => bi(0x08 + 4 * i, n, "image tool", hex8(v(n)))),
    bi(0x20, "e820_map", "setup32", `${hex8(v("e820_map"))} (= image_top)`),
    bi(0x24, "e820_entries", "setup32", String(entries)),
    bi(0x28, "boot_heap", "setup32", hex8(v("boot_heap"))),
    bi(0x2c, "boot_end", "setup32", hex8(v("boot_end"))),
    bi(0x30, "cmdline", "setup32", `${hex8(v("cmdline"))} (= boot_heap)`),
    bi(0x34, "cmdline_size", "setup32", `${v("cmdline_size")} (bytes, NUL included)`),
    bi(0x38, "zero_page", "setup32", `${hex8(v("zero_page"))} (QEMU); GRUB linux16 and linux: see docs/boot.md`),
    bi(0x3c, "initrd_start", "setup32", String(v("initrd_start"))),
    bi(0x40, "initrd_size", "setup32", String(v("initrd_size"))),
    bi(0x44, "loader", "setup32", `${hex8(v("loader"))} (QEMU; GRUB: 0x72)`),
  ];
  const row = (from: string, to: string, what: string, type: string) => `| ${from} | ${to} | ${what} | ${type} |`;
  const physical = [
    "| from | to | what | physmap type |",
    "|---|---|---|---|",
    row("0x00100000", "0x00101000", "setup32 code and data; its entry stack is the top of this page", "kernel-image"),
    row("0x00101000", hex8(0x101000 + v("kernel_size")), `microkernel ELF, running in place (headers+text+rodata ${hex8(0x101000)}–${hex8(textEnd)}, mapped read-only; data+bss ${hex8(data.vaddr)}–${hex8(data.vaddr + data.memsz)}, of which ${dec(data.vaddr + data.memsz - bssStart)} bytes .bss)`, "kernel-image"),
    row(hex8(v("proc_start")), hex8(v("proc_start") + v("proc_size")), "process manager ELF (never executed here)", "kernel-image"),
    row(hex8(v("e820_map")), hex8(v("e820_map") + 20 * entries), `\`e820_map\`: copy of the BIOS map, ${entries} × 20 bytes (\`image_top\`)`, "boot-data"),
    row(hex8(v("boot_heap")), hex8(v("boot_heap_top")), "`boot_heap`: command line copy, then the kernel's memory maps", "boot-data"),
    row(hex8(v("boot_heap_top")), hex8(v("boot_end") - Number(hw[3])), "free, the heap's room (it stops at the stack reserve)", "boot-data"),
    row(hex8(v("boot_end") - Number(hw[3])), hex8(v("boot_end")), `boot stack reserve (${dec(Number(hw[3]))} bytes, \`boot_end\` at its top); each boot measures its deepest point (\`layout: boot_stack\`), which moves with where timer interrupts land, and checks it against the reserve`, "boot-data"),
    row(hex8(v("boot_end")), hex8(v("boot_end") + 0x1000), "page directory", "page-tables"),
    row(hex8(v("boot_end") + 0x1000), hex8(storage), "the 32 shared kernel page tables, one per 4 MiB below KLIMIT", "page-tables"),
    row(hex8(storage), hex8(v("kernel_region_top")), `frame allocator's storage (${dec(v("frame_storage_size"))} bytes, whole pages)`, "page-tables"),
    row(hex8(v("kernel_region_top")), "", "`kernel_region_top`", ""),
    "",
    `At 128 MB, ${dec(kib)} KiB of RAM remain available; setup32 uses ${dec(setup32)} of its 4,096 bytes.`,
  ];
  const virtual = [
    "| virtual range | mapping |",
    "|---|---|",
    "| 0x00000000–0x00000fff | never mapped: NULL dereferences fault (`mapPage` refuses it) |",
    "| 0x00001000–0x000b7fff | unmapped (available for global mappings) |",
    "| 0x000b8000–0x000b8fff | VGA text buffer, 1:1, global, supervisor, writable — mapped on purpose |",
    "| 0x000b9000–0x000fffff | unmapped (available for global mappings) |",
    `| 0x00100000–${hex8(readOnlyEnd - 1)} | kernel region 1:1, read-only part: setup32 with \`boot_info\`, the kernel's ELF headers, text and rodata (to \`page_up(__text_end)\`); global, supervisor, **read-only** |`,
    `| ${hex8(readOnlyEnd)}–\`kernel_region_top\` | kernel region 1:1, the rest: kernel data and \`.bss\`, the process manager's file, boot data, page tables; global, supervisor, writable |`,
    "| `kernel_region_top`–0x07ffffff | unmapped (available for global mappings) |",
    "| 0x08000000 (KLIMIT)–0xffffffff | user space of the running process: empty for now |",
  ];
  return { file: file.join("\n"), boot_info: info.join("\n"), physical: physical.join("\n"), virtual: virtual.join("\n") };
}

/** An ELF symbol's value, or 0. */
function symbol(elf: Buffer, name: string): number {
  const shoff = elf.readUInt32LE(32);
  const shnum = elf.readUInt16LE(48);
  for (let i = 0; i < shnum; i++) {
    const sh = shoff + 40 * i;
    if (elf.readUInt32LE(sh + 4) !== 2) continue; // SHT_SYMTAB
    const off = elf.readUInt32LE(sh + 16);
    const size = elf.readUInt32LE(sh + 20);
    const strtab = shoff + 40 * elf.readUInt32LE(sh + 24);
    const strOff = elf.readUInt32LE(strtab + 16);
    for (let s = off; s < off + size; s += 16) {
      const at = strOff + elf.readUInt32LE(s);
      if (elf.toString("latin1", at, elf.indexOf(0, at)) === name) return elf.readUInt32LE(s + 4);
    }
  }
  return 0;
}

/**
 * README.md's picture: `tsuki layout`'s text for the same 128 MB boot, with
 * the boot stack drawn as its reserve (its measured deepest point moves from
 * boot to boot) and the rules counted, not listed (their details hold it too).
 */
export function readmeLayoutBlock(image: string, serial: string): string {
  const model = layoutModel(serial, imageInfo(readFileSync(image)), { measured: false });
  const rules = checkRules(model.report, 128, model.report.layout.get("initrd_size") ?? 0);
  const hold = rules.filter((r) => r.ok).length;
  return ["```", layoutText(model).trimEnd(), "", `The spec's layout rules: ${hold} of ${rules.length} hold`, "```"].join("\n");
}

/** `text` with every generated block replaced by `blocks`' (a block missing from `text` is an error). */
export function withBlocks(text: string, blocks: Record<string, string>, file = "docs/layout.md"): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const a = out.indexOf(BEGIN(name));
    const z = out.indexOf(END(name));
    if (a < 0 || z < a) throw new Error(`${file} has no ${BEGIN(name)} ... ${END(name)} block`);
    out = `${out.slice(0, a)}${BEGIN(name)}\n${body}\n${out.slice(z)}`;
  }
  return out;
}
