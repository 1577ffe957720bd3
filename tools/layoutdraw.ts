// The spec's three layout diagrams (the image file, physical memory after
// boot, the address space with KLIMIT) drawn from a boot's serial log, with
// the real addresses and sizes, as text and as SVG. Used by `tsuki layout`
// and by the browser demo page, so: NO Node imports here.
//
// The whole API:
//   imageInfo(bytes)             the image file's size and setup_sects (from its first 0x1f2 bytes and length)
//   layoutModel(serial, image?, { measured? })
//                                parse the log into the three diagrams; throws LayoutError on a damaged log.
//                                Without `image` (or with one that is not this log's) the real-mode
//                                part's size is unknown and file offsets are given from setup32 ("R+...").
//   layoutText(model, rules?)    the diagrams as text (rules: tools/layoutrules.ts checkRules, printed ✓/✗)
//   layoutSvg(model, rules?)     the same as one standalone SVG document
// Diagram, Box and Edge describe what is drawn, for a caller drawing its own way.

import { IMAGE_START, KLIMIT, PAGE, hex, parse, type Report, type RuleResult } from "./layoutrules.js";

export class LayoutError extends Error {}

export interface ImageInfo {
  size: number; // bytes in the image file
  setupSects: number; // 16-bit setup sectors (0x1f1)
}

export interface Edge {
  addr: string; // address or file offset, hex
  name: string; // what is there ("" when nothing is named)
  strong: boolean; // a major boundary (drawn ===)
}

export interface Box {
  lines: string[];
  size: number; // bytes
}

/** Edges and boxes from top to bottom: boxes[i] lies between edges[i] and edges[i + 1]. */
export interface Diagram {
  id: "file" | "physical" | "virtual";
  title: string;
  edges: Edge[];
  boxes: Box[];
  notes: string[];
}

export interface LayoutModel {
  report: Report;
  diagrams: Diagram[];
}

/** A region to draw: [start, end), named by its start. */
interface Part {
  start: number;
  end: number;
  lines: string[];
  name?: string;
  strong?: boolean;
}

const SECTOR = 512;
const GAP: string[] = ["(gap)"];
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** A size in bytes for a person: exact below 10 KiB. */
export function fmtSize(n: number): string {
  if (n < 10240) return `${n.toLocaleString("en-US")} B`;
  if (n < 10 * 0x100000) return kib(n);
  if (n < 0x40000000) return `${(n / 0x100000).toFixed(1)} MiB`;
  return `${(n / 0x40000000).toFixed(2)} GiB`;
}

export function imageInfo(bytes: Uint8Array): ImageInfo {
  if (bytes.length < 0x1f2) throw new LayoutError(`the image is ${bytes.length} bytes, too short to hold a setup header`);
  return { size: bytes.length, setupSects: bytes[0x1f1] === 0 ? 4 : bytes[0x1f1]! };
}

/** Parts in ascending order, with a gap box wherever they do not touch; `descending` draws the highest at the top. */
function diagram(id: Diagram["id"], title: string, parts: Part[], end: { name: string; strong?: boolean }, fmt: (n: number) => string, descending: boolean, notes: string[]): Diagram {
  const edges: Edge[] = [];
  const boxes: Box[] = [];
  let at: number | undefined;
  for (const p of parts) {
    if (p.end <= p.start && p.lines !== GAP) continue; // nothing there (e.g. no padding)
    if (at !== undefined && p.start > at) {
      edges.push({ addr: fmt(at), name: "", strong: false });
      boxes.push({ lines: GAP, size: p.start - at });
    }
    edges.push({ addr: fmt(p.start), name: p.name ?? "", strong: p.strong ?? false });
    boxes.push({ lines: p.lines, size: p.end - p.start });
    at = p.end;
  }
  edges.push({ addr: fmt(at ?? 0), name: end.name, strong: end.strong ?? false });
  if (descending) {
    edges.reverse();
    boxes.reverse();
  }
  return { id, title, edges, boxes, notes };
}

const NEEDED = ["image_start", "kernel_start", "kernel_size", "proc_start", "proc_size", "image_top", "e820_map", "e820_entries", "boot_heap", "boot_heap_top", "boot_end", "kernel_region_top", "klimit"];

/** `measured: false` draws the boot stack's whole reserve instead of its deepest point, which moves from boot to boot. */
export function layoutModel(serial: string, image?: ImageInfo, opts: { measured?: boolean } = {}): LayoutModel {
  const rep = parse(serial);
  if (rep.layout.size === 0) throw new LayoutError("no `layout:` lines: this is not the serial log of a Tsuki boot, or it stops before the kernel's layout report");
  if (rep.duplicates.length > 0) throw new LayoutError(`layout values printed twice (${rep.duplicates.join(", ")}): the log holds more than one boot`);
  const missing = NEEDED.filter((n) => !rep.layout.has(n));
  if (missing.length > 0) throw new LayoutError(`the log is cut short or damaged: it has no layout: ${missing.join(", ")} line${missing.length > 1 ? "s" : ""}`);
  const v = (n: string) => rep.layout.get(n)!;
  const kernelEnd = v("kernel_start") + v("kernel_size");
  const procEnd = v("proc_start") + v("proc_size");

  // The file: real-mode part, setup32 (one page), kernel, padding, process manager.
  const pmSize = procEnd - v("image_start");
  const rm = image !== undefined && image.size === SECTOR * (1 + image.setupSects) + pmSize ? SECTOR * (1 + image.setupSects) : undefined;
  const pmAt = (addr: number) => (rm ?? 0) + addr - v("image_start");
  const fileNotes = rm !== undefined
    ? [`${image!.size.toLocaleString("en-US")} bytes; the protected-mode part, from ${hex(rm)},`, `is loaded at image_start ${hex(v("image_start"))}.`]
    : [image === undefined
      ? "The log does not give the real-mode part's size (pass the image):"
      : `The image (${image.size} bytes, setup_sects ${image.setupSects}) is not the one this log booted`, `${image === undefined ? "" : `(its protected-mode part is ${pmSize} bytes): `}offsets are from the real-mode part's end, R.`];
  const fileParts: Part[] = [
    ...(rm !== undefined
      ? [
        { start: 0, end: SECTOR, lines: ["boot sector (boot/boot.S)", "setup header at 0x1f1"], name: "file start", strong: true },
        { start: SECTOR, end: rm, lines: ["16-bit setup (boot/setup16.S)", `${rm / SECTOR - 1} sectors: real mode code`] },
      ]
      : []),
    { start: pmAt(v("image_start")), end: pmAt(v("kernel_start")), lines: ["32-bit setup (boot/setup32)", "boot_info at +4, padded to a page"], name: `loads at image_start ${hex(v("image_start"))}`, strong: true },
    { start: pmAt(v("kernel_start")), end: pmAt(kernelEnd), lines: ["microkernel (ELF)", "build/kernel.elf"], name: `loads at kernel_start ${hex(v("kernel_start"))}` },
    { start: pmAt(kernelEnd), end: pmAt(v("proc_start")), lines: ["padding to a page"] },
    { start: pmAt(v("proc_start")), end: pmAt(procEnd), lines: ["process manager (ELF)", "build/procmgr.elf"], name: `loads at proc_start ${hex(v("proc_start"))}` },
  ];
  const file = diagram("file", "The image file", fileParts, { name: "file end", strong: true }, rm !== undefined ? hex : (n) => `R+${hex(n)}`, false, fileNotes);

  // Physical memory after boot: the kernel region in detail, then the whole physmap.
  const st = rep.stack;
  const measured = opts.measured ?? true;
  const sp = !measured && st ? v("boot_end") - st.reserve : st?.deepest ?? v("boot_stack");
  const tables = rep.layout.get("kernel_tables");
  const storage = rep.layout.get("frame_storage");
  const pageParts: Part[] = tables !== undefined && storage !== undefined
    ? [
      { start: v("boot_end"), end: tables, lines: ["page directory"], name: "boot_info.boot_end", strong: true },
      { start: tables, end: storage, lines: [`${(storage - tables) / PAGE} kernel page tables`, "(1:1 mapping below KLIMIT)"], name: "kernel_tables" },
      { start: storage, end: v("kernel_region_top"), lines: ["frame allocator's storage"], name: "frame_storage" },
    ]
    : [{ start: v("boot_end"), end: v("kernel_region_top"), lines: ["initial page allocations", "(1:1 virtual memory mapping)"], name: "boot_info.boot_end", strong: true }];
  const physParts: Part[] = [
    { start: v("image_start"), end: v("kernel_start"), lines: ["32-bit setup code", "with boot_info"], name: "boot_info.image_start", strong: true },
    { start: v("kernel_start"), end: kernelEnd, lines: ["microkernel (ELF), run in place"], name: "boot_info.kernel_start" },
    { start: kernelEnd, end: v("proc_start"), lines: ["padding to a page"] },
    { start: v("proc_start"), end: procEnd, lines: ["process manager (ELF)"], name: "boot_info.proc_start" },
    { start: procEnd, end: v("image_top"), lines: ["padding to a page"] },
    { start: v("e820_map"), end: v("boot_heap"), lines: ["BIOS physical memory map", `(${v("e820_entries")} e820 entries × 20 B, page padded)`], name: "boot_info.image_top = e820_map", strong: true },
    { start: v("boot_heap"), end: v("boot_heap_top"), lines: ["kernel heap allocations (boot)", "command line, physical memory map"], name: "boot_info.boot_heap" },
    { start: v("boot_heap_top"), end: sp, lines: [". . .  (free)"], name: "boot heap top" },
    { start: sp, end: v("boot_end"), lines: ["kernel stack (boot)", !st ? "(no high-water mark line)" : measured ? `${st.used} of ${st.reserve} B used at most` : "its reserve"],
      name: !st ? "stack pointer" : measured ? "deepest stack pointer" : "boot stack reserve" },
    ...pageParts,
  ];
  const pmap = rep.physmap.map((r) => `${hex(r.start)}-${hex(r.end)} ${r.type.padEnd(12)} ${fmtSize(Number(r.end - r.start))}`);
  const avail = /^physmap: (\d+) KiB available\r?$/m.exec(serial);
  const physical = diagram("physical", "Physical memory after boot", physParts, { name: "kernel_region_top", strong: true }, hex, true, [
    `The kernel region is ${fmtSize(v("kernel_region_top") - v("image_start"))}. The whole physical memory map (physmap):`,
    ...pmap,
    ...(avail ? [`${Number(avail[1]).toLocaleString("en-US")} KiB available`] : []),
  ]);

  // The address space: global kernel mappings below KLIMIT, the running process's above.
  const user = [...serial.matchAll(/^procmgr: load vaddr=0x([0-9a-f]{8}) memsz=0x([0-9a-f]{8}) .* ([r-][w-][x-])\r?$/gm)]
    .map((m) => `procmgr ${hex(parseInt(m[1]!, 16))} ${m[3]} ${fmtSize(parseInt(m[2]!, 16))}`);
  const stackLine = /^procmgr: loaded, .* stack 0x([0-9a-f]{8})/m.exec(serial);
  const virtParts: Part[] = [
    { start: 0, end: PAGE, lines: ["page 0: never mapped", "(NULL dereferences fault)"], name: "", strong: true },
    { start: PAGE, end: v("image_start"), lines: ["available for global mappings"] },
    { start: v("image_start"), end: v("kernel_region_top"), lines: ["microkernel, process manager, etc.", "(1:1, see physical memory)"], name: `image_start (${hex(IMAGE_START)} = 1 MB)` },
    { start: v("kernel_region_top"), end: v("klimit"), lines: ["available for global mappings"], name: "kernel_region_top" },
    { start: v("klimit"), end: 2 ** 32, lines: ["user memory space", ...user, ...(stackLine ? [`procmgr stack below ${hex(parseInt(stackLine[1]!, 16))}`] : [])], name: `KLIMIT (${hex(KLIMIT)} = 128 MB)`, strong: true },
  ];
  const virtual = diagram("virtual", "The address space", virtParts, { name: "4 GB" }, hex, true, [
    "Mappings from 0 to KLIMIT are global kernel mappings;",
    "above KLIMIT they belong to the running process.",
  ]);
  return { report: rep, diagrams: [file, physical, virtual] };
}

const W = 40; // inner width of a text box

function center(s: string, w: number): string {
  const left = Math.max(0, Math.floor((w - s.length) / 2));
  return (" ".repeat(left) + s).padEnd(w);
}

/** One diagram as text, like the spec's. */
function diagramText(d: Diagram): string[] {
  const out = [d.title, ""];
  const edge = (e: Edge) => `  +${(e.strong ? "=" : "-").repeat(W)}+ ${e.addr}${e.name ? `  ${e.name}` : ""}`;
  d.boxes.forEach((b, i) => {
    out.push(edge(d.edges[i]!));
    b.lines.forEach((l, k) => out.push(`  |${center(l, W)}|${k === 0 ? `  ${fmtSize(b.size)}` : ""}`.trimEnd()));
  });
  out.push(edge(d.edges[d.boxes.length]!));
  if (d.notes.length > 0) out.push("", ...d.notes.map((n) => `  ${n}`));
  return out;
}

export function rulesText(rules: RuleResult[]): string[] {
  const failed = rules.filter((r) => !r.ok).length;
  return [`The spec's layout rules: ${rules.length - failed} of ${rules.length} hold`, "", ...rules.map((r) => `  ${r.ok ? "✓" : "✗"} ${r.rule} (${r.detail})`)];
}

export function layoutText(m: LayoutModel, rules?: RuleResult[]): string {
  const parts = m.diagrams.map((d) => diagramText(d).join("\n"));
  if (rules !== undefined) parts.push(rulesText(rules).join("\n"));
  return `${parts.join("\n\n")}\n`;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The diagrams side by side (and the rules below them) as one SVG document. */
export function layoutSvg(m: LayoutModel, rules?: RuleResult[]): string {
  const PANEL = 600;
  const BOX = 260;
  const LINE = 16;
  const body: string[] = [];
  let height = 0;
  m.diagrams.forEach((d, i) => {
    const x = 20 + i * PANEL;
    let y = 60;
    body.push(`<text x="${x}" y="32" class="title">${esc(d.title)}</text>`);
    const edge = (e: Edge) => {
      body.push(`<line x1="${x - 6}" y1="${y}" x2="${x + BOX + 6}" y2="${y}" class="${e.strong ? "strong" : "edge"}"/>`);
      body.push(`<text x="${x + BOX + 12}" y="${y + 4}" class="addr">${esc(e.addr)}<tspan class="name" dx="8">${esc(e.name)}</tspan></text>`);
    };
    d.boxes.forEach((b, k) => {
      const h = LINE * (b.lines.length + 1) + 8;
      body.push(`<rect x="${x}" y="${y}" width="${BOX}" height="${h}" class="${b.lines === GAP ? "gap" : "box"}"/>`);
      edge(d.edges[k]!);
      b.lines.forEach((l, j) => body.push(`<text x="${x + BOX / 2}" y="${y + LINE * (j + 1)}" class="label">${esc(l)}</text>`));
      body.push(`<text x="${x + BOX / 2}" y="${y + LINE * (b.lines.length + 1)}" class="size">${esc(fmtSize(b.size))}</text>`);
      y += h;
    });
    edge(d.edges[d.boxes.length]!);
    y += 28;
    for (const n of d.notes) {
      body.push(`<text x="${x}" y="${y}" class="note">${esc(n)}</text>`);
      y += 15;
    }
    height = Math.max(height, y);
  });
  if (rules !== undefined) {
    let y = height + 20;
    for (const [k, line] of rulesText(rules).entries()) {
      if (line === "") continue;
      const r = k >= 2 ? rules[k - 2] : undefined;
      body.push(`<text x="20" y="${y}" class="${r === undefined ? "title" : r.ok ? "ok" : "bad"}">${esc(line.trim())}</text>`);
      y += r === undefined ? 24 : 16;
    }
    height = y;
  }
  const width = 20 + m.diagrams.length * PANEL;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20}" viewBox="0 0 ${width} ${height + 20}" font-family="DejaVu Sans Mono, monospace">`,
    `<style>.title{font-size:18px;font-weight:bold}.box{fill:#eef3fb;stroke:#334}.gap{fill:#f4f4f4;stroke:#999;stroke-dasharray:4 3}`,
    `.edge{stroke:#334;stroke-width:1}.strong{stroke:#000;stroke-width:3}.addr{font-size:12px}.name{fill:#555}`,
    `.label{font-size:12px;text-anchor:middle}.size{font-size:11px;fill:#666;text-anchor:middle}.note{font-size:11px}.ok{font-size:12px;fill:#176617}.bad{font-size:12px;fill:#b00;font-weight:bold}</style>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...body,
    `</svg>`,
    "",
  ].join("\n");
}
