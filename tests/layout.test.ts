// `tsuki layout` (issue 10): the spec's three diagrams from a real boot's
// log, with the addresses the build and the kernel give checked line by
// line; a damaged log refused with a clear error; a log that breaks a rule
// reported ✗ for that rule; and the SVG rendered by a real renderer
// (rsvg-convert, librsvg) to a PNG.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { fmtSize } from "../tools/layoutdraw.js";
import { boot } from "../tools/run.js";
import { tsuki } from "./lib/debugging.js";

let out: string;
let b: BuildResult;
let serial: string;
let log: string;

const hex8 = (n: number) => `0x${n.toString(16).padStart(8, "0")}`;
/** A `layout:` value read straight from the log. */
const value = (name: string) => parseInt(new RegExp(`^layout: ${name}=0x([0-9a-f]{8})\\r?$`, "m").exec(serial)![1]!, 16);
/** The text's lines from the edge line matching `edge` on: the edge, then the box above or below it. */
function edgeAndBox(text: string, edge: RegExp): string[] {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => edge.test(l));
  assert.ok(at >= 0, `no line matching ${edge} in:\n${text}`);
  return lines.slice(at, at + 4);
}
const write = (name: string, text: string | Buffer) => {
  const f = path.join(out, name);
  writeFileSync(f, text);
  return f;
};

before(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-layout-test-"));
  b = await build({ out, log: () => {} });
  const r = await boot({ image: b.image, memoryMB: 128, initrd: b.initrd, timeoutSec: 30 });
  assert.equal(r.outcome, "poweroff", r.message);
  serial = r.serial;
  log = write("boot.log", serial);
});

after(() => rmSync(out, { recursive: true, force: true }));

describe("tsuki layout", { timeout: 120_000 }, () => {
  it("draws the image file with the build's parts at their offsets and sizes", async () => {
    const r = await tsuki(["layout", log, "--image", b.image], 20);
    assert.equal(r.status, 0, r.stderr);
    const image = readFileSync(b.image);
    const rm = 512 * (1 + image[0x1f1]!);
    const kernel = statSync(b.kernel).size;
    const procStart = 0x101000 + Math.ceil(kernel / 0x1000) * 0x1000;
    const file = r.stdout.slice(0, r.stdout.indexOf("Physical memory after boot"));
    assert.match(file, /^ {2}\+=+\+ 0x00000000 {2}file start\n.*boot sector/m);
    assert.match(edgeAndBox(file, /^ {2}\+-+\+ 0x00000200$/)[1]!, new RegExp(`16-bit setup .* ${fmtSize(rm - 512)}$`));
    assert.match(edgeAndBox(file, new RegExp(`\\+ ${hex8(rm)} {2}loads at image_start 0x00100000$`))[1]!, /32-bit setup .* 4,096 B$/);
    assert.match(edgeAndBox(file, new RegExp(`\\+ ${hex8(rm + 0x1000)} {2}loads at kernel_start 0x00101000$`))[1]!, new RegExp(`microkernel \\(ELF\\) .* ${fmtSize(kernel)}$`));
    assert.match(edgeAndBox(file, new RegExp(`\\+ ${hex8(rm + procStart - 0x100000)} {2}loads at proc_start ${hex8(procStart)}$`))[1]!,
      new RegExp(`process manager \\(ELF\\) .* ${fmtSize(statSync(b.procmgr).size)}$`));
    assert.match(file, new RegExp(`\\+=+\\+ ${hex8(image.length)} {2}file end$`, "m"), "the file ends where the image does");
  });

  it("draws physical memory and the address space with the kernel's addresses, and every rule holds", async () => {
    const r = await tsuki(["layout", log, "--image", b.image], 20);
    assert.equal(r.status, 0, r.stderr);
    const phys = r.stdout.slice(r.stdout.indexOf("Physical memory after boot"), r.stdout.indexOf("The address space"));
    const edges: [string, RegExp][] = [
      ["kernel_region_top", /^$/],
      ["frame_storage", /frame allocator's storage/],
      ["kernel_tables", /32 kernel page tables/],
      ["boot_end", /page directory/],
      ["boot_heap", /kernel heap allocations \(boot\)/],
      ["image_top", /BIOS physical memory map/],
      ["proc_start", /padding to a page/],
      ["kernel_start", /microkernel \(ELF\), run in place/],
      ["image_start", /32-bit setup code/],
    ];
    for (const [name, above] of edges) {
      const lines = phys.split("\n");
      const at = lines.findIndex((l) => new RegExp(`\\+ ${hex8(value(name))} {2}(boot_info\\.)?${name}`).test(l));
      assert.ok(at >= 0, `an edge at ${name} = ${hex8(value(name))}:\n${phys}`);
      if (name !== "kernel_region_top") assert.match(lines.slice(at - 3, at).join("\n"), above, `${name}'s box above it`);
    }
    assert.match(phys, new RegExp(`^ {2}${hex8(value("boot_end"))}-${hex8(value("kernel_region_top"))} page-tables`, "m"), "the physmap listing");
    const virt = r.stdout.slice(r.stdout.indexOf("The address space"), r.stdout.indexOf("The spec's layout rules"));
    assert.match(virt, /\+=+\+ 0x08000000 {2}KLIMIT \(0x08000000 = 128 MB\)\n.*available for global mappings/);
    assert.match(virt, new RegExp(`\\+-+\\+ ${hex8(value("kernel_region_top"))} {2}kernel_region_top\\n.*microkernel, process manager`));
    assert.match(virt, /user memory space[\s\S]*procmgr 0x08048000 r-x/);
    assert.match(virt, /page 0: never mapped[^\n]*4,096 B\n[^\n]*\n {2}\+=+\+ 0x00000000/);
    const rules = /The spec's layout rules: (\d+) of (\d+) hold/.exec(r.stdout);
    assert.ok(rules !== null && rules[1] === rules[2] && Number(rules[1]) > 20, `every rule holds:\n${r.stdout}`);
    assert.doesNotMatch(r.stdout, /✗/);
  });

  it("boots the image itself when no log is given", async () => {
    const r = await tsuki(["layout", "--image", b.image], 60);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Physical memory after boot$/m);
    assert.match(r.stdout, new RegExp(`${hex8(value("kernel_region_top"))} {2}kernel_region_top`));
  });

  it("without the log's image, says so and gives offsets from the real-mode part's end", async () => {
    const other = write("other.img", readFileSync(b.image).subarray(0, 0x1000));
    const r = await tsuki(["layout", log, "--image", other], 20);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /is not the one this log booted/);
    assert.match(r.stdout, /\+ R\+0x00001000 {2}loads at kernel_start 0x00101000$/m);
  });

  it("refuses a damaged log with a clear error", async () => {
    const cut = serial.slice(0, serial.indexOf("layout: boot_end="));
    for (const [file, message] of [
      [write("cut.log", cut), /cut short or damaged: it has no layout: boot_end, kernel_region_top, klimit lines/],
      [write("noise.log", "SeaBIOS (version 1.16)\nBooting from ROM...\n"), /no `layout:` lines: this is not the serial log of a Tsuki boot/],
      [write("twice.log", serial + serial), /printed twice .*more than one boot/],
      [path.join(out, "missing.log"), /missing\.log: no such file/],
    ] as const) {
      const r = await tsuki(["layout", file, "--image", b.image], 20);
      assert.equal(r.status, 2, `${file}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "", "nothing drawn");
    }
  });

  it("reports ✗ for each rule a log breaks, ✓ for the others, and exits 1", async () => {
    const top = value("image_top");
    const bad = serial
      .replace(`layout: e820_map=${hex8(top)}`, `layout: e820_map=${hex8(top + 0x1000)}`)
      .replace(/^physmap: .* page-tables\r?\n/m, "");
    const r = await tsuki(["layout", write("bad.log", bad), "--image", b.image], 20);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`^ {2}✗ e820_map = image_top \\(e820_map=${hex8(top + 0x1000)}, image_top=${hex8(top)}\\)$`, "m"));
    assert.match(r.stdout, /^ {2}✗ physmap has page-tables = \[boot_end, kernel_region_top\)/m);
    assert.match(r.stdout, /^ {2}✓ image_start = 0x00100000/m);
    assert.match(r.stdout, /^ {2}✓ klimit = 0x08000000/m);
    assert.match(r.stderr, /of the spec's layout rules do not hold/);
    const wrongMemory = await tsuki(["layout", log, "--image", b.image, "--memory", "64"], 20);
    assert.equal(wrongMemory.status, 1);
    assert.match(wrongMemory.stdout, /✗ e820 RAM totals just under 64 MB/);
  });

  it("writes an SVG that rsvg-convert renders, with the diagrams' labels", async () => {
    const svg = path.join(out, "layout.svg");
    const r = await tsuki(["layout", log, "--image", b.image, "--svg", svg], 20);
    assert.equal(r.status, 0, r.stderr);
    const png = path.join(out, "layout.png");
    execFileSync("rsvg-convert", ["--format", "png", "-o", png, svg]);
    const p = readFileSync(png);
    assert.equal(p.subarray(0, 8).toString("hex"), "89504e470d0a1a0a", "a PNG");
    assert.ok(p.readUInt32BE(16) > 1000 && p.readUInt32BE(20) > 500, `a picture of ${p.readUInt32BE(16)}x${p.readUInt32BE(20)}`);
    const text = readFileSync(svg, "utf8");
    for (const label of ["The image file", "Physical memory after boot", "The address space", "microkernel (ELF)", "process manager (ELF)",
      "32-bit setup code", "page directory", "kernel stack (boot)", "user memory space", "KLIMIT (0x08000000 = 128 MB)", "page 0: never mapped",
      `${hex8(value("kernel_region_top"))}`, "✓ e820_map = image_top"]) {
      assert.ok(text.includes(label), `the SVG has ${label}`);
    }
    assert.doesNotMatch(text, /✗/);
  });
});
