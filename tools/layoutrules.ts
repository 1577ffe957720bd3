// What the kernel prints at boot about its memory (`layout:`, `e820:`,
// `physmap:` and the boot stack's high-water mark line), parsed, and every
// rule of the spec's layout checked on it. The one source of the rules:
// `tsuki layout` prints them with ✓/✗, the boot tests assert them all
// (tests/lib/layoutreport.ts checkLayout). No Node imports, so the browser
// demo page can use it too.

export const PAGE = 0x1000;
const MB = 0x100000;
export const KLIMIT = 0x08000000;
export const IMAGE_START = 0x100000;
const E820_ENTRY_SIZE = 20;

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
  /** `layout:` names printed more than once (a damaged or concatenated log). */
  duplicates: string[];
}

/** One rule of the spec's layout and whether the boot obeyed it. */
export interface RuleResult {
  rule: string;
  ok: boolean;
  /** The values the rule was checked on (or what was missing). */
  detail: string;
}

export const hex = (n: number | bigint) => `0x${n.toString(16).padStart(8, "0")}`;

export function parse(serial: string): Report {
  const layout = new Map<string, number>();
  const duplicates: string[] = [];
  for (const m of serial.matchAll(/^layout: ([a-z0-9_]+)=0x([0-9a-f]{8})\r?$/gm)) {
    if (layout.has(m[1]!)) duplicates.push(m[1]!);
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
  return { layout, e820: ranges("e820"), physmap: ranges("physmap"), stack, duplicates };
}

/** The `layout:` names every rule needs. */
export const REQUIRED = [
  "image_start", "kernel_start", "kernel_size", "proc_start", "proc_size", "image_top", "e820_map", "e820_entries",
  "boot_heap", "cmdline", "cmdline_size", "boot_heap_top", "boot_stack", "boot_end", "kernel_region_top", "klimit",
];

/**
 * Every rule of the spec's layout (issue 3, "Acceptance"), checked on what
 * the kernel reported for a machine of `memoryMB` MiB with an initrd of
 * `initrdSize` bytes (0: none). A value the log lacks fails the rules that
 * use it. `firmwareTopMB`: RAM the firmware keeps reserved at the top
 * (SeaBIOS under v86: 16 MB, docs/boot.md), which must then be a reserved
 * e820 entry, not RAM.
 */
export function checkRules(rep: Report, memoryMB: number, initrdSize = 0, firmwareTopMB = 0): RuleResult[] {
  const out: RuleResult[] = [];
  const rule = (name: string, ok: boolean, detail: string) => out.push({ rule: name, ok, detail });
  const f = (name: string) => rep.layout.get(name) ?? NaN;
  const h = (name: string) => (rep.layout.has(name) ? `${name}=${hex(f(name))}` : `no layout: ${name} line`);
  const aligned = (name: string) => rule(`${name} is page aligned`, f(name) % PAGE === 0, h(name));

  const missing = REQUIRED.filter((n) => !rep.layout.has(n));
  rule("the kernel printed every layout value", missing.length === 0, missing.length === 0 ? `${REQUIRED.length} values` : `missing: ${missing.join(", ")}`);
  rule("each layout value is printed once", rep.duplicates.length === 0, rep.duplicates.length === 0 ? "no repeats" : `printed twice: ${rep.duplicates.join(", ")}`);
  rule("image_start = 0x00100000", f("image_start") === IMAGE_START, h("image_start"));
  rule("image_start < kernel_start < proc_start", f("image_start") < f("kernel_start") && f("kernel_start") < f("proc_start"), `${h("kernel_start")}, ${h("proc_start")}`);
  rule("the kernel ends before proc_start", f("kernel_start") + f("kernel_size") <= f("proc_start"), `kernel end ${hex(f("kernel_start") + f("kernel_size"))}, ${h("proc_start")}`);
  aligned("image_top");
  const procEnd = f("proc_start") + f("proc_size");
  rule("image_top is the page-aligned end of the process manager", f("image_top") >= procEnd && f("image_top") - procEnd < PAGE, `process manager end ${hex(procEnd)}, ${h("image_top")}`);
  rule("e820_map = image_top", f("e820_map") === f("image_top"), `${h("e820_map")}, ${h("image_top")}`);
  rule("1 <= e820_entries <= 128", f("e820_entries") >= 1 && f("e820_entries") <= 128, `e820_entries=${f("e820_entries")}`);
  rule("boot_heap is past the copied e820 map", f("boot_heap") >= f("e820_map") + f("e820_entries") * E820_ENTRY_SIZE, `map end ${hex(f("e820_map") + f("e820_entries") * E820_ENTRY_SIZE)}, ${h("boot_heap")}`);
  aligned("boot_heap");
  aligned("boot_end");
  rule("boot_end is above the boot heap", f("boot_end") > f("boot_heap"), `${h("boot_heap")}, ${h("boot_end")}`);
  rule("the heap's top is inside the boot area", f("boot_heap_top") >= f("boot_heap") && f("boot_heap_top") <= f("boot_end"), h("boot_heap_top"));
  rule("the boot stack is below boot_end, above the heap", f("boot_stack") > f("boot_heap_top") && f("boot_stack") < f("boot_end"), h("boot_stack"));
  // The boot stack's measured deepest point stays in its reserve, above the heap.
  const s = rep.stack;
  if (s === undefined) rule("the boot stack's high-water mark is reported", false, "no 'boot: stack high-water mark' line");
  else {
    const sd = `deepest ${hex(s.deepest)}, ${s.used} of ${s.reserve} bytes`;
    rule("stack bytes used = boot_end - deepest point", s.used === f("boot_end") - s.deepest, `${sd}, ${h("boot_end")}`);
    rule("the boot stack stays in its reserve", s.used > 0 && s.used < s.reserve, sd);
    rule("the end-of-boot mark is at least as deep as the layout report's", s.deepest <= f("boot_stack"), `${sd}, ${h("boot_stack")}`);
    rule("the heap stays below the stack reserve", f("boot_heap_top") <= f("boot_end") - s.reserve, `${h("boot_heap_top")}, reserve from ${hex(f("boot_end") - s.reserve)}`);
  }
  rule("the command line is on the boot heap", f("cmdline") >= f("boot_heap") && f("cmdline") + f("cmdline_size") <= f("boot_heap_top"), `${h("cmdline")}, ${f("cmdline_size")} bytes`);
  aligned("kernel_region_top");
  rule("a page directory and a page table fit between boot_end and kernel_region_top", f("kernel_region_top") - f("boot_end") >= 2 * PAGE, `${h("boot_end")}, ${h("kernel_region_top")}`);
  rule("klimit = 0x08000000", f("klimit") === KLIMIT, h("klimit"));
  rule("the kernel region lies below KLIMIT", f("kernel_region_top") <= KLIMIT, h("kernel_region_top"));

  // The e820 map: the kernel printed every entry setup32 copied, and it describes `memoryMB`.
  rule("one e820 line per entry", rep.e820.length === f("e820_entries"), `${rep.e820.length} lines, e820_entries=${f("e820_entries")}`);
  const ram = rep.e820.filter((e) => e.type === "ram");
  const total = ram.reduce((sum, e) => sum + (e.end - e.start), 0n);
  const size = BigInt((memoryMB - firmwareTopMB) * MB);
  const kept = firmwareTopMB > 0 ? ` less the firmware's ${firmwareTopMB} MB` : "";
  if (firmwareTopMB > 0) {
    rule(`the firmware's top ${firmwareTopMB} MB are a reserved e820 entry`, rep.e820.some((e) => e.type === "reserved" && e.start === size && e.end === BigInt(memoryMB * MB)), `[${hex(size)}, ${hex(memoryMB * MB)})`);
  }
  rule(`e820 RAM totals just under ${memoryMB} MB${kept}`, total <= size && total > size - BigInt(2 * MB), `${total} bytes`);
  // Up to 3 GB, QEMU's pc machine keeps all RAM below 4 GiB, ending just under `size`.
  const top = ram.reduce((m, e) => (e.end > m ? e.end : m), 0n);
  rule(`the highest RAM address is within 1 MB of ${memoryMB} MB${kept}`, top <= size && top > size - BigInt(MB), hex(top));
  const regionTop = f("kernel_region_top");
  rule("the kernel region is in one RAM entry", !Number.isNaN(regionTop) && ram.some((e) => e.start <= 0x100000n && e.end >= BigInt(regionTop)), h("kernel_region_top"));

  // The kernel's physical memory map: sorted, disjoint, with the kernel's own regions where the layout says.
  const pm = rep.physmap;
  const bad = pm.findIndex((r, i) => r.start >= r.end || (i > 0 && pm[i - 1]!.end > r.start));
  rule("physmap regions are sorted, disjoint and non-empty", pm.length > 0 && bad < 0, pm.length === 0 ? "no physmap lines" : bad < 0 ? `${pm.length} regions` : `region ${bad} at ${hex(pm[bad]!.start)}`);
  const region = (type: string, from: string, to: string) => {
    const a = f(from);
    const z = f(to);
    const ok = !Number.isNaN(a + z) && pm.some((r) => r.type === type && r.start === BigInt(a) && r.end === BigInt(z));
    rule(`physmap has ${type} = [${from}, ${to})`, ok, `${hex(a)}-${hex(z)}`);
  };
  region("kernel-image", "image_start", "image_top");
  region("boot-data", "image_top", "boot_end");
  region("page-tables", "boot_end", "kernel_region_top");
  const available = pm.filter((r) => r.type === "available").reduce((sum, r) => sum + (r.end - r.start), 0n);
  const reserved = f("kernel_region_top") - f("image_start") + initrdSize;
  rule("available memory = e820 RAM - the kernel region - the initrd", !Number.isNaN(reserved) && available === total - BigInt(reserved),
    `${available} available, ${total} RAM, ${Number.isNaN(reserved) ? "?" : reserved} reserved`);
  return out;
}
