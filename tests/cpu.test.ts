// The CPU baseline (i586) and the machines Tsuki boots on (issue 6):
//  * every object the build makes, and the linked parts, contain no
//    instruction above the Pentium (and the scanner does find one in code
//    compiled for the i686, so it can fail);
//  * QEMU -kernel boots on a CPU/machine matrix: below the baseline (486) the
//    image says what is missing in one line and powers off with a failure;
//    every supported CPU and machine powers off with the layout rules holding,
//    and global pages are used exactly when the CPU has them.

import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { COMMON_FLAGS, FREESTANDING_FLAGS } from "../compiler/gcc.js";
import { build, type BuildResult } from "../tools/build.js";
import { boot, type BootOptions, type BootResult } from "../tools/run.js";
import { GUARDED, aboveI586 } from "./lib/i586.js";
import { checkLayout, parse, withLog } from "./lib/layoutreport.js";
import { limiter } from "./lib/limit.js";

let built: Promise<BuildResult>;
let out: string;

before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-cpu-test-"));
  built = build({ out, log: () => {} });
});

/** The bytes of an ELF's .text section. */
function textOf(elf: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-text-"));
  try {
    execFileSync("objcopy", ["-O", "binary", "--only-section=.text", elf, path.join(dir, "text")]);
    return readFileSync(path.join(dir, "text"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function objectsUnder(dir: string): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...objectsUnder(p));
    else if (e.name.endsWith(".o") || e.name.endsWith(".elf")) found.push(p);
  }
  return found;
}

describe("the CPU baseline is i586", () => {
  it("no object or linked part has an instruction above the Pentium", async () => {
    const b = await built;
    // The linked parts are scanned in their debug ELFs, which name the symbol
    // each instruction is in (GUARDED); the image's copies are the same code
    // without symbols (checked below).
    const debug = (elf: string) => elf.replace(/\.elf$/, ".debug.elf");
    const linked = [b.kernel, b.procmgr, ...b.programs];
    for (const elf of linked) assert.deepEqual(textOf(elf), textOf(debug(elf)), `${path.relative(out, elf)} has the code of its debug ELF`);
    const files = [...objectsUnder(path.join(out, "obj")), ...linked.map(debug)];
    const names = files.map((f) => path.relative(out, f));
    assert.ok(b.programs.length >= 2, "the initrd's programs are scanned too");
    for (const want of ["obj/kernel/kernel.o", "obj/kernel/traps.o", "obj/kernel/cpuid.o", "obj/setup32/setup.o", "obj/setup32/entry.o", "obj/setup32/setup32.elf", "obj/procmgr/procmgr.o", "obj/realmode/setup16.o", "obj/realmode/boot.o", "kernel.debug.elf", "procmgr.debug.elf"]) {
      assert.ok(names.includes(want), `${want} was scanned (scanned: ${names.join(", ")})`);
    }
    const bad: string[] = [];
    let total = 0;
    for (const f of files) {
      const realMode = f.includes(`${path.sep}realmode${path.sep}`);
      const r = aboveI586(f, realMode);
      total += r.instructions;
      for (const x of r.findings) {
        const guard = GUARDED[x.symbol];
        if (guard !== undefined && guard.test(x.text.split(/\s+/)[0]!)) continue;
        bad.push(`${path.relative(out, f)}: ${x.address}: ${x.text} (in ${x.symbol || "no symbol"})`);
      }
    }
    assert.deepEqual(bad, [], "instructions above i586");
    assert.ok(total > 3000, `only ${total} instructions scanned`);
    // The features the baseline promises are really used, behind the checks.
    const kernel = aboveI586(debug(b.kernel));
    for (const m of ["rdtsc", "cpuid"]) assert.ok(kernel.mnemonics.has(m), `the kernel uses ${m}`);
  });

  it("the scanner finds cmov in code compiled for the i686, and none with the project's flags", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-i586-"));
    const src = path.join(dir, "max.c");
    writeFileSync(src, "unsigned max(unsigned a, unsigned b) { return a > b ? a : b; }\n");
    const flags = [...COMMON_FLAGS, ...FREESTANDING_FLAGS].filter((f) => !f.startsWith("-march"));
    execFileSync("gcc", [...flags, "-march=i686", "-c", src, "-o", path.join(dir, "i686.o")]);
    execFileSync("gcc", [...COMMON_FLAGS, ...FREESTANDING_FLAGS, "-c", src, "-o", path.join(dir, "i586.o")]);
    const i686 = aboveI586(path.join(dir, "i686.o"));
    assert.ok(i686.findings.some((x) => /^cmov/.test(x.text)), `cmov found: ${JSON.stringify(i686.findings)}`);
    assert.deepEqual(aboveI586(path.join(dir, "i586.o")).findings, [], "nothing above i586 with COMMON_FLAGS");
  });
});

// ---- the matrix: QEMU -kernel, ~0.15 s a boot, two at a time --------------

const limited = limiter(2);

const boots = new Map<string, Promise<BootResult>>();
function booted(key: string, opts: Omit<BootOptions, "image">): Promise<BootResult> {
  let p = boots.get(key);
  if (p === undefined) {
    p = built.then((b) => limited(() => boot({ timeoutSec: 20, ...opts, image: b.image })));
    boots.set(key, p);
  }
  return p;
}

/** `cpu` is the kernel's CPUID line as this CPU model must make it (QEMU 7.2's models). */
const SUPPORTED: { name: string; opts: Omit<BootOptions, "image">; globalPages: boolean; cpu: RegExp }[] = [
  { name: "-cpu pentium", opts: { cpu: "pentium" }, globalPages: false, cpu: /^cpu: GenuineIntel family 5 model \d+ stepping \d+, features: pse no-pge no-sep no-pae no-nx\r?$/m },
  { name: "-cpu pentium2", opts: { cpu: "pentium2" }, globalPages: true, cpu: /^cpu: GenuineIntel family 6 model 5 stepping \d+, features: pse pge sep pae no-nx\r?$/m },
  { name: "-cpu qemu32,-pse,-pge", opts: { cpu: "qemu32,-pse,-pge" }, globalPages: false, cpu: /^cpu: \w{12} family 6 model \d+ stepping \d+, features: no-pse no-pge sep pae no-nx\r?$/m },
  { name: "the default CPU (qemu32)", opts: {}, globalPages: true, cpu: /^cpu: \w{12} family 6 model \d+ stepping \d+, features: pse pge sep pae no-nx\r?$/m },
  { name: "-cpu max (with NX)", opts: { cpu: "max" }, globalPages: true, cpu: /^cpu: AuthenticAMD family \d+ model \d+ stepping \d+, features: pse pge sep pae nx\r?$/m },
  { name: "-machine q35", opts: { machine: "q35" }, globalPages: true, cpu: /^cpu: \w{12} family 6 /m },
  { name: "-smp 2", opts: { smp: 2 }, globalPages: true, cpu: /^cpu: \w{12} family 6 /m },
];

describe("a CPU and machine matrix (QEMU -kernel, 128 MB)", () => {
  before(() => {
    booted("486", { cpu: "486" });
    for (const m of SUPPORTED) booted(m.name, m.opts);
  });

  it("-cpu 486: one line naming the missing feature, then a failure power-off", async () => {
    const r = await booted("486", { cpu: "486" });
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      assert.equal(r.qemuStatus, 35, "isa-debug-exit 0x11");
      const lines = r.serial.split("\n").filter((l) => l.trim() !== "");
      assert.deepEqual(lines.map((l) => l.trim()), [
        "PANIC: setup32: Tsuki needs an i586 (Pentium) or newer CPU: this CPU has no time-stamp counter (CPUID.1:EDX.TSC)",
      ]);
      assert.match(r.message, /needs an i586 \(Pentium\) or newer CPU: this CPU has no time-stamp counter/, "tsuki run says why");
    });
  });

  for (const m of SUPPORTED) {
    it(`${m.name}: powers off with the layout rules holding, ${m.globalPages ? "with" : "without"} global pages`, async () => {
      const r = await booted(m.name, m.opts);
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        assert.match(r.serial, /^layout: self-check passed\r?$/m);
        assert.match(r.serial, new RegExp(`^paging: on, page directory at 0x[0-9a-f]{8}, ${m.globalPages ? "global pages" : "no global pages"},`, "m"));
        assert.match(r.serial, m.cpu, "the CPUID line names vendor, family/model and the features");
        checkLayout(parse(r.serial), 128);
      });
    });
  }
});
