// What the kernel prints at boot, parsed (`layout:`, `e820:` and `physmap:`
// lines), and every rule of the spec's layout checked on it: shared by the
// boot tests (tests/boot.test.ts, tests/cpu.test.ts, tests/loader.test.ts).

import assert from "node:assert/strict";
import type { BootResult } from "../../tools/run.js";

const PAGE = 0x1000;
const MB = 0x100000;
const KLIMIT = 0x08000000;
const E820_ENTRY_SIZE = 20;

/** Runs assertions on a boot; if one fails, the failure carries the serial log. */
export function withLog(r: BootResult, check: () => void): void {
  try {
    check();
  } catch (e) {
    const err = e as Error;
    err.message += `\n--- ${r.outcome}: ${r.message}\n--- serial log:\n${r.serial}--- end of serial log`;
    throw err;
  }
}

export interface Range {
  start: bigint;
  end: bigint;
  type: string;
}

export interface Report {
  layout: Map<string, number>;
  e820: Range[];
  physmap: Range[];
  /** `boot: stack high-water mark ...`, printed at the end of boot. */
  stack?: { deepest: number; used: number; reserve: number };
}

export const hex = (n: number | bigint) => `0x${n.toString(16).padStart(8, "0")}`;

export function parse(serial: string): Report {
  const layout = new Map<string, number>();
  for (const m of serial.matchAll(/^layout: ([a-z0-9_]+)=0x([0-9a-f]{8})\r?$/gm)) {
    assert.ok(!layout.has(m[1]!), `layout: ${m[1]} printed twice`);
    layout.set(m[1]!, parseInt(m[2]!, 16));
  }
  const ranges = (prefix: string) =>
    [...serial.matchAll(new RegExp(`^${prefix}: 0x([0-9a-f]{16})-0x([0-9a-f]{16}) ([a-z-]+)\\r?$`, "gm"))].map((m) => ({
      start: BigInt(`0x${m[1]}`),
      end: BigInt(`0x${m[2]}`),
      type: m[3]!,
    }));
  const hw = /^boot: stack high-water mark 0x([0-9a-f]{8}), (\d+) of (\d+) reserved bytes used\r?$/m.exec(serial);
  const stack = hw ? { deepest: parseInt(hw[1]!, 16), used: Number(hw[2]), reserve: Number(hw[3]) } : undefined;
  return { layout, e820: ranges("e820"), physmap: ranges("physmap"), stack };
}

export function field(r: Report, name: string): number {
  const v = r.layout.get(name);
  assert.notEqual(v, undefined, `no "layout: ${name}=0x........" line`);
  return v!;
}

const REQUIRED = [
  "image_start", "kernel_start", "kernel_size", "proc_start", "proc_size", "image_top", "e820_map",
  "e820_entries", "boot_heap", "boot_end", "kernel_region_top", "klimit",
];

/**
 * Every rule of the spec's layout (issue 3, "Acceptance"), checked on what
 * the kernel reported. `firmwareTopMB`: RAM the firmware keeps reserved at
 * the top (SeaBIOS under v86: 16 MB, docs/boot.md), which must then be a
 * reserved e820 entry, not RAM.
 */
export function checkLayout(rep: Report, memoryMB: number, initrdSize = 0, firmwareTopMB = 0): void {
  for (const name of REQUIRED) field(rep, name);
  const f = (name: string) => field(rep, name);
  const aligned = (name: string) => assert.equal(f(name) % PAGE, 0, `${name} ${hex(f(name))} is not page aligned`);

  assert.equal(f("image_start"), 0x100000, "image_start");
  assert.ok(f("image_start") < f("kernel_start"), "image_start < kernel_start");
  assert.ok(f("kernel_start") < f("proc_start"), "kernel_start < proc_start");
  assert.ok(f("kernel_start") + f("kernel_size") <= f("proc_start"), "the kernel ends before proc_start");
  aligned("image_top");
  assert.ok(f("image_top") >= f("proc_start") + f("proc_size"), "image_top is past the end of the process manager");
  assert.ok(f("image_top") - (f("proc_start") + f("proc_size")) < PAGE, "image_top is the page-aligned end of the image");
  assert.equal(f("e820_map"), f("image_top"), "e820_map = image_top");
  assert.ok(f("e820_entries") >= 1 && f("e820_entries") <= 128, "1 <= e820_entries <= 128");
  assert.ok(f("boot_heap") >= f("e820_map") + f("e820_entries") * E820_ENTRY_SIZE, "boot_heap is past the copied map");
  aligned("boot_heap");
  aligned("boot_end");
  assert.ok(f("boot_end") > f("boot_heap"), "boot_end is above the boot heap");
  assert.ok(f("boot_heap_top") >= f("boot_heap") && f("boot_heap_top") <= f("boot_end"), "the heap's top is inside the boot area");
  assert.ok(f("boot_stack") > f("boot_heap_top") && f("boot_stack") < f("boot_end"), "the boot stack is below boot_end, above the heap");
  // The boot stack's measured deepest point stays in its reserve, above the heap.
  assert.ok(rep.stack !== undefined, "no 'boot: stack high-water mark' line");
  assert.equal(rep.stack.used, f("boot_end") - rep.stack.deepest, "stack bytes used = boot_end - deepest point");
  assert.ok(rep.stack.used > 0 && rep.stack.used < rep.stack.reserve, `the boot stack used ${rep.stack.used} of its ${rep.stack.reserve} bytes`);
  assert.ok(rep.stack.deepest <= f("boot_stack"), "the end-of-boot mark is at least as deep as the one in the layout report");
  assert.ok(f("boot_heap_top") <= f("boot_end") - rep.stack.reserve, "the heap stays below the stack reserve");
  assert.ok(f("cmdline") >= f("boot_heap") && f("cmdline") + f("cmdline_size") <= f("boot_heap_top"), "the command line is on the boot heap");
  aligned("kernel_region_top");
  assert.ok(f("kernel_region_top") >= f("boot_end"), "kernel_region_top >= boot_end");
  assert.ok(f("kernel_region_top") - f("boot_end") >= 2 * PAGE, "a page directory and a page table above boot_end");
  assert.equal(f("klimit"), KLIMIT, "klimit");

  // The e820 map: the kernel printed every entry setup32 copied, and it describes `memoryMB`.
  assert.equal(rep.e820.length, f("e820_entries"), "one e820 line per entry");
  const ram = rep.e820.filter((e) => e.type === "ram");
  const total = ram.reduce((sum, e) => sum + (e.end - e.start), 0n);
  const size = BigInt((memoryMB - firmwareTopMB) * MB);
  if (firmwareTopMB > 0) {
    assert.ok(rep.e820.some((e) => e.type === "reserved" && e.start === size && e.end === BigInt(memoryMB * MB)),
      `the firmware's ${firmwareTopMB} MB at the top of RAM are a reserved e820 entry [${hex(size)}, ${hex(memoryMB * MB)})`);
  }
  assert.ok(total <= size && total > size - BigInt(2 * MB), `e820 RAM totals ${total} bytes for a ${memoryMB} MB machine (${firmwareTopMB} MB kept by the firmware)`);
  // Up to 3 GB, QEMU's pc machine keeps all RAM below 4 GiB, ending just under `size`.
  const top = ram.reduce((m, e) => (e.end > m ? e.end : m), 0n);
  assert.ok(top <= size && top > size - BigInt(MB), `highest RAM address 0x${top.toString(16)} for ${memoryMB} MB`);
  assert.ok(ram.some((e) => e.start <= 0x100000n && e.end >= BigInt(f("kernel_region_top"))), "the kernel region is in one RAM entry");

  // The kernel's physical memory map: sorted, disjoint, with the kernel's own regions where the layout says.
  const pm = rep.physmap;
  assert.ok(pm.length > 0, "physmap lines");
  for (let i = 0; i < pm.length; i++) {
    assert.ok(pm[i]!.start < pm[i]!.end, `physmap region ${i} is empty or inverted`);
    if (i > 0) assert.ok(pm[i - 1]!.end <= pm[i]!.start, `physmap regions ${i - 1} and ${i} overlap or are unsorted`);
  }
  const region = (type: string, start: number, end: number) =>
    assert.ok(pm.some((r) => r.type === type && r.start === BigInt(start) && r.end === BigInt(end)),
      `physmap has no ${type} region ${hex(start)}-${hex(end)}`);
  region("kernel-image", f("image_start"), f("image_top"));
  region("boot-data", f("image_top"), f("boot_end"));
  region("page-tables", f("boot_end"), f("kernel_region_top"));
  const available = pm.filter((r) => r.type === "available").reduce((s, r) => s + (r.end - r.start), 0n);
  const reserved = BigInt(f("kernel_region_top") - f("image_start") + initrdSize);
  assert.equal(available, total - reserved, "available memory = e820 RAM - the kernel region");
}

