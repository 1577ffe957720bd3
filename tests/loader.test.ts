// What loaders and firmware hand the kernel, and what happens when it is
// wrong or missing (issue 6, points 5-7): no silent failure, no hang
// without a message.
//  * GRUB's `error:` lines and a requested initrd that did not arrive make
//    `tsuki run` fail, in the loader's words;
//  * a command line as long as the loader passes gets a warning from the
//    kernel; `tsuki run` refuses longer ones (tests/run.test.ts);
//  * an initrd over the image: setup16 says so; one over the boot area:
//    setup32 says so; one QEMU would load over its BIOS: tsuki run refuses;
//  * no e820 map: e801, then int 0x15 ah=0x88, and the kernel names the
//    source; no map at all: setup32 says so;
//  * the boot stack's high-water mark is checked against its reserve.

import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { buildImage } from "../tools/image.js";
import { loaderProblem } from "../tools/qemu.js";
import { buildRealMode } from "../tools/realmode.js";
import { boot, type BootOptions, type BootResult } from "../tools/run.js";
import { checkLayout, parse, withLog } from "./lib/layoutreport.js";
import { limiter } from "./lib/limit.js";

let built: Promise<BuildResult>;
let tmp: string;

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "tsuki-loader-test-"));
  built = build({ out: path.join(tmp, "build"), log: () => {} });
});

const limited = limiter(2);

const run = async (opts: Omit<BootOptions, "image"> & { image?: string }): Promise<BootResult> => {
  const b = await built;
  return limited(() => boot({ timeoutSec: 20, ...opts, image: opts.image ?? b.image }));
};

function file(name: string, size: number): string {
  const f = path.join(tmp, name);
  writeFileSync(f, Buffer.alloc(size, 0x5a));
  return f;
}

const panicLine = (r: BootResult) => /^PANIC: .*$/m.exec(r.serial)?.[0].trim();

describe("tsuki run fails loudly when the loader failed", () => {
  it("GRUB out of memory for the initrd: outcome error, with GRUB's words", async () => {
    const r = await run({ boot: "grub", memoryMB: 32, initrd: file("big.initrd", 40_000_000) });
    withLog(r, () => {
      assert.equal(r.outcome, "error", r.message);
      assert.equal(r.status, 5);
      assert.match(r.message, /^the boot loader failed: GRUB said "error: out of memory\."/);
    });
  });

  it("a requested initrd that the kernel does not report is a failure; GRUB's words only count under GRUB", () => {
    const serial = "layout: initrd_start=0x00000000\nlayout: initrd_size=0x00000000\n";
    assert.match(loaderProblem(serial, "qemu", 10000) ?? "", /an initrd of 10000 bytes was requested, but the kernel reports initrd_size=0x00000000/);
    assert.equal(loaderProblem("layout: initrd_start=0x07fdf000\nlayout: initrd_size=0x00002710\n", "qemu", 10000), undefined, "the initrd arrived");
    assert.equal(loaderProblem(serial, "qemu", undefined), undefined, "no initrd asked for");
    assert.equal(loaderProblem("error: something\n", "qemu", undefined), undefined, "not GRUB");
    assert.match(loaderProblem("error: file `/boot/initrd' not found.\n", "grub16", undefined) ?? "", /GRUB said "error: file `\/boot\/initrd' not found\."/);
  });
});

describe("command lines that fill the loader's limit get a warning", () => {
  it("QEMU: 2047 bytes, all setup32 keeps", async () => {
    const r = await run({ append: `tsuki.pad=${"x".repeat(2047 - 10)}` });
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      assert.match(r.serial, /^cmdline: warning: 2047 bytes; it is as long as setup32 keeps \(2047 bytes\): it may have been cut\r?$/m);
    });
  });
  it("GRUB: 255 bytes, all GRUB passes; 254 get no warning", async () => {
    const base = "BOOT_IMAGE=/boot/tsuki.img ".length;
    const [full, short] = await Promise.all([255, 254].map((n) => run({ boot: "grub16", append: `tsuki.pad=${"x".repeat(n - base - 10)}` })));
    withLog(full!, () => assert.match(full!.serial, /^cmdline: warning: 255 bytes; it is as long as GRUB passes \(255 bytes\): GRUB may have dropped words\r?$/m));
    withLog(short!, () => {
      assert.equal(short!.outcome, "poweroff", short!.message);
      assert.doesNotMatch(short!.serial, /^cmdline: warning/m);
    });
  });
});

describe("an initrd where it cannot be: a message, never a hang", () => {
  it("over the kernel image (QEMU, -m 5, 3.84 MB): setup16 says so on the serial line", async () => {
    const r = await run({ memoryMB: 5, initrd: file("over-image.initrd", 0x3d8000) });
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      assert.match(panicLine(r) ?? "", /^PANIC: setup16: the loader put the initrd at \[0x00108000, 0x004e0000\), over the kernel image \[0x00100000, 0x[0-9a-f]{8}\)/);
      assert.doesNotMatch(r.serial, /Tsuki microkernel/);
    });
  });
  it("over the boot area (QEMU, -m 5, 3.8 MB): setup32 says so", async () => {
    // QEMU ends the initrd at 0x4e0000 here (its start page aligned down), so a size that starts it one
    // page past image_top puts it inside the boot area, whatever the image's size: image_top is boot_info's
    // field at +0x0c; boot_info is 4 bytes into the protected-mode part (after setup32's entry jump), which
    // follows the boot sector and setup_sects sectors.
    const img = readFileSync((await built).image);
    const imageTop = img.readUInt32LE((img[0x1f1]! + 1) * 512 + 4 + 0x0c);
    const r = await run({ memoryMB: 5, initrd: file("over-boot.initrd", 0x4e0000 - (imageTop + 0x1000)) });
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      assert.equal(panicLine(r), "PANIC: setup32: the initrd overlaps the boot heap and stack");
    });
  });
  it("where QEMU would load it over its BIOS (-m 4, 3.7 MB): refused before booting", async () => {
    await assert.rejects(run({ memoryMB: 4, initrd: file("bios.initrd", 3_700_000) }), /--initrd: QEMU would load the 3700000-byte initrd at 0x[0-9a-f]{8}, below 1 MiB/);
  });
});

/** The built image with a setup16 that leaves some BIOS memory queries out. */
async function withSetup16(defines: string[]): Promise<string> {
  const b = await built;
  const name = defines.join("-").toLowerCase();
  const rm = await buildRealMode(path.join(tmp, name), undefined, defines);
  const image = buildImage({
    boot: readFileSync(rm.boot), setup16: readFileSync(rm.setup16), setup32: readFileSync(b.setup32),
    kernel: readFileSync(b.kernel), procmgr: readFileSync(b.procmgr),
  }).image;
  const f = path.join(tmp, `${name}.img`);
  writeFileSync(f, image);
  return f;
}

describe("the memory map without e820", () => {
  for (const [defines, source, memoryMB, ram] of [
    [["TSUKI_TEST_NO_E820"], "BIOS e801 \\(no e820 map\\)", 128, 0x7fe0000],
    [["TSUKI_TEST_NO_E820", "TSUKI_TEST_NO_E801"], "BIOS int 0x15 ah=0x88 \\(no e820 or e801 answer\\)", 32, 0x1fe0000],
  ] as const) {
    it(`${defines.join(" + ")}: the kernel uses and names ${source.replace(/\\/g, "")}`, async () => {
      const r = await run({ image: await withSetup16([...defines]), memoryMB });
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        assert.match(r.serial, new RegExp(`^e820: memory map from ${source}\\r?$`, "m"));
        const rep = parse(r.serial);
        assert.deepEqual(rep.e820.map((e) => [Number(e.start), Number(e.end), e.type]), [[0, 0x9f000, "ram"], [0x100000, ram, "ram"]]);
        checkLayout(rep, memoryMB);
      });
    });
  }
  it("no answer at all: setup32 says the BIOS gave no memory map", async () => {
    const r = await run({ image: await withSetup16(["TSUKI_TEST_NO_E820", "TSUKI_TEST_NO_E801", "TSUKI_TEST_NO_88"]) });
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      assert.equal(panicLine(r), "PANIC: setup32: the BIOS gave no memory map (no e820 entry, no e801 or int 0x15 ah=0x88 answer)");
    });
  });
  it("with e820 the kernel says so", async () => {
    const r = await run({});
    withLog(r, () => assert.match(r.serial, /^e820: memory map from BIOS e820\r?$/m));
  });
});

describe("the boot stack against its reserve", () => {
  it("test=deepstack: a stack deeper than the reserve is caught at the end of boot", async () => {
    const r = await run({ append: "test=deepstack" });
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      assert.match(r.serial, /^test: using more boot stack than its reserve\r?$/m);
      assert.match(panicLine(r) ?? "", /^PANIC: boot stack: (\d+) bytes used, more than its 16384-byte reserve below boot_end \(it ran into the boot heap's room\)$/);
      assert.ok(Number(/(\d+) bytes used/.exec(panicLine(r)!)![1]) > 0x5000, "at least the 20 KiB the test put on the stack");
    });
  });
});
