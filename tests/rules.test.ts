// One set of rules (issue 6): every rule the kernel and setup32 enforce on
// the image at boot is enforced by the tools too, from the same code
// (tools/kernelrules.ts runs the kernel's own check functions). For each
// rule of the kernel's enums there is an image that breaks it; `tsuki
// inspect` must report the rule in the kernel's words, `tsuki image` must
// refuse the broken part where a part can break it, and booting the image
// must end in a PANIC whose reason the tools reported. Rules that no image
// can break (they are about the machine, the loader or run-time state) are
// listed with the reason, and the enums must be covered exactly, so a new
// rule cannot be forgotten.

import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { ImageError, buildImage, type ImageParts } from "../tools/image.js";
import { analyse } from "../tools/inspect.js";
import { kernelEnum, kernelMessages } from "../tools/kernelrules.js";
import { boot, type BootResult } from "../tools/run.js";
import { withLog } from "./lib/layoutreport.js";
import { limiter } from "./lib/limit.js";

interface At {
  info: number; // file offset of boot_info
  kernel: number; // of the kernel ELF
  proc: number; // of the procmgr ELF
  ph: (i: number) => number; // of procmgr program header i
  b: (field: number) => number; // boot_info field at +field
}

interface Case {
  /** Breaks the rule in a copy of the built image. */
  image?: (img: Buffer, at: At) => void;
  /** Breaks the rule in the procmgr part alone (then `tsuki image` must refuse it). */
  procmgr?: (elf: Buffer) => void;
  memoryMB?: number;
  /** Why no image can break it. */
  runtime?: string;
}

const put32 = (b: Buffer, off: number, v: number) => b.writeUInt32LE(v >>> 0, off);
const put16 = (b: Buffer, off: number, v: number) => b.writeUInt16LE(v, off);
const ph = (elf: Buffer, i: number) => elf.readUInt32LE(28) + 32 * i;

const ELF_CASES: Record<string, Case> = {
  // proc_size below an ELF header; image_top follows it down (else the layout rule that image_top
  // ends the process manager fires first, once the process manager is longer than a page).
  TooSmall: { image: (b, a) => { put32(b, a.info + 0x1c, 40); put32(b, a.info + 0x0c, (b.readUInt32LE(a.info + 0x18) + 40 + 0xfff) & ~0xfff); } },
  Magic: { procmgr: (e) => (e[0] = 0) },
  NotElf32: { procmgr: (e) => (e[4] = 2) },
  NotLittleEndian: { procmgr: (e) => (e[5] = 2) },
  Version: { procmgr: (e) => put32(e, 20, 0) },
  NotExecutable: { procmgr: (e) => put16(e, 16, 3) },
  NotI386: { procmgr: (e) => put16(e, 18, 62) },
  ProgramHeaders: { procmgr: (e) => put32(e, 28, 0x100000) },
  NoLoadSegment: { procmgr: (e) => { put32(e, ph(e, 0), 4); put32(e, ph(e, 1), 4); } },
  SegmentOutsideFile: { procmgr: (e) => put32(e, ph(e, 0) + 16, 0x100000) },
  SegmentBelowLimit: { procmgr: (e) => put32(e, ph(e, 1) + 8, e.readUInt32LE(ph(e, 1) + 8) - 0x01000000) },
  SegmentWraps: { procmgr: (e) => put32(e, ph(e, 1) + 20, 0xffff0000) },
  // Issue 6: aligned to its own p_align (16), not to the page.
  SegmentMisaligned: { procmgr: (e) => { put32(e, ph(e, 1) + 8, e.readUInt32LE(ph(e, 1) + 8) + 0x10); put32(e, ph(e, 1) + 28, 0x10); } },
  EntryBelowLimit: { procmgr: (e) => put32(e, 24, 0x07000000) },
  EntryNotInSegment: { procmgr: (e) => put32(e, 24, e.readUInt32LE(ph(e, 1) + 8)) },
  SegmentMemszBelowFilesz: { procmgr: (e) => put32(e, ph(e, 0) + 20, e.readUInt32LE(ph(e, 0) + 16) - 1) },
  // The data segment moved down onto the text's last page (offset moved along: still aligned).
  SegmentsOverlap: { procmgr: (e) => { put32(e, ph(e, 1) + 8, e.readUInt32LE(ph(e, 1) + 8) - 0x1000); put32(e, ph(e, 1) + 12, e.readUInt32LE(ph(e, 1) + 12) - 0x1000); } },
};

const LAYOUT_CASES: Record<string, Case> = {
  ImageStart: { image: (b, a) => put32(b, a.info + 0x08, 0x200000) },
  KernelStart: { image: (b, a) => put32(b, a.info + 0x10, 0x102000) },
  KernelLinkedElsewhere: { image: (b, a) => put32(b, a.info + 0x14, linkEnd - 0x101000 - 0x10) },
  KernelSize: { image: (b, a) => put32(b, a.info + 0x14, a.b(0x18) - 0x101000 + 0x10) },
  ProcStart: { image: (b, a) => put32(b, a.info + 0x18, a.b(0x0c)) },
  ProcSize: { image: (b, a) => put32(b, a.info + 0x1c, a.b(0x1c) + 0x2000) },
  ImageTopAligned: { image: (b, a) => put32(b, a.info + 0x0c, a.b(0x0c) + 4) },
  ImageTopTight: { image: (b, a) => put32(b, a.info + 0x0c, a.b(0x0c) + 0x1000) },
  // Issue 6: an image_top whose boot area and page tables pass KLIMIT (booted with enough RAM to get that far).
  KernelRegionBelowKlimit: {
    image: (b, a) => { put32(b, a.info + 0x0c, 0x07ff0000); put32(b, a.info + 0x1c, 0x07ff0000 - a.b(0x18) - 0x10); },
    memoryMB: 256,
  },
  E820Entries: { runtime: "setup32 writes 1 to 128 entries, from the BIOS" },
  BootHeap: { runtime: "setup32 computes boot_heap from the e820 count" },
  Cmdline: { runtime: "setup32 copies the loader's command line" },
  BootEnd: { runtime: "setup32 computes boot_end; the kernel's heap use decides the top" },
  BootStack: { runtime: "the stack depth is measured at run time" },
  KernelRegionTop: { runtime: "the kernel computes kernel_region_top from boot_end" },
  KernelRegionRam: { runtime: "which memory is RAM is the machine's (tests/loader.test.ts boots too little of it)" },
  InitrdOverlap: { runtime: "the loader places the initrd (tests/loader.test.ts)" },
};

const ENTRY_CASES: Record<string, Case> = {
  NoElf: { image: (b, a) => (b[a.kernel] = 0) },
  EntryOutside: { image: (b, a) => put32(b, a.kernel + 24, 0x200000) },
};

let built: Promise<BuildResult>;
let parts: ImageParts;
let good: Buffer;
let linkEnd = 0;
let tmp: string;

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "tsuki-rules-test-"));
  built = build({ out: tmp, log: () => {} });
  const b = await built;
  const rm = path.join(tmp, "obj", "realmode");
  parts = {
    boot: readFileSync(path.join(rm, "boot.bin")), setup16: readFileSync(path.join(rm, "setup16.bin")),
    setup32: readFileSync(b.setup32), kernel: readFileSync(b.kernel), procmgr: readFileSync(b.procmgr),
  };
  good = readFileSync(b.image);
  const k = parts.kernel;
  for (let i = 0; i < k.readUInt16LE(44); i++) {
    const o = k.readUInt32LE(28) + 32 * i;
    if (k.readUInt32LE(o) === 1) linkEnd = Math.max(linkEnd, k.readUInt32LE(o + 8) + k.readUInt32LE(o + 20));
  }
});

const limited = limiter(2);

function damaged(c: Case): Buffer {
  const img = Buffer.from(good);
  const pm = 512 * (1 + img[0x1f1]!);
  const info = pm + 4;
  const proc = pm + (img.readUInt32LE(info + 0x18) - 0x100000);
  const at: At = { info, kernel: pm + 0x1000, proc, ph: (i) => proc + ph(img.subarray(proc), i), b: (f) => img.readUInt32LE(info + f) };
  if (c.image) c.image(img, at);
  if (c.procmgr) {
    const elf = img.subarray(proc); // a view: the damage lands in the image
    c.procmgr(elf);
  }
  return img;
}

function family(title: string, enumName: [string, string], messagesName: [string, string], cases: Record<string, Case>, panicPrefix: RegExp) {
  describe(title, () => {
    it("every rule of the kernel's enum has a case", () => {
      const rules = Object.keys(kernelEnum(...enumName)).filter((n) => n !== "Ok").sort();
      assert.deepEqual(Object.keys(cases).sort(), rules);
    });
    for (const [name, c] of Object.entries(cases)) {
      if (c.runtime !== undefined) {
        it(`${name}: not an image rule (${c.runtime})`, () => assert.ok(c.runtime!.length > 0));
        continue;
      }
      it(`${name}: inspect reports it, image refuses it, the boot panics with the reason reported`, async () => {
        const words = kernelMessages(...messagesName)[kernelEnum(...enumName)[name]!]!;
        const img = damaged(c);
        const report = analyse(img);
        assert.ok(report.errors.some((e) => e.includes(words)), `inspect reports "${words}":\n${report.errors.join("\n")}`);
        if (c.procmgr) {
          const elf = Buffer.from(parts.procmgr);
          c.procmgr(elf);
          assert.throws(() => buildImage({ ...parts, procmgr: elf }), ImageError, "tsuki image refuses the part");
        }
        const file = path.join(tmp, `${name}.img`);
        writeFileSync(file, img);
        const r: BootResult = await limited(() => boot({ image: file, memoryMB: c.memoryMB ?? 128, timeoutSec: 20 }));
        withLog(r, () => {
          assert.equal(r.outcome, "panic", r.message);
          const line = /^PANIC: (.*?)\r?$/m.exec(r.serial)?.[1] ?? "";
          assert.match(line, panicPrefix, "the panic comes from the check under test's family (or setup32 before it)");
          const reason = line.replace(/^.*?: (?=[^:]*$)/, "").replace(/^(setup32|layout self-check failed|process manager ELF at 0x[0-9a-f]{8}): /, "");
          assert.ok(report.errors.some((e) => e.includes(reason)), `the boot's reason "${reason}" is among what inspect reported:\n${report.errors.join("\n")}`);
        });
      });
    }
  });
}

family("ELF rules for the process manager (kernel/elf.ts)", ["elf", "ElfProblem"], ["elf", "ELF_PROBLEMS"], ELF_CASES, /^process manager ELF at 0x[0-9a-f]{8}: /);
family("layout self-check (kernel/layout.ts)", ["layout", "LayoutRule"], ["layout", "LAYOUT_RULES"], LAYOUT_CASES, /^(layout self-check failed|setup32): /);
family("setup32's kernel entry check (kernel/kernelentry.ts)", ["entry", "KernelEntryProblem"], ["entry", "KERNEL_ENTRY_PROBLEMS"], ENTRY_CASES, /^setup32: /);
