// `tsuki iso` (issue 10): the ISO a person boots on a PC, from a USB stick or
// in VirtualBox. Both menu entries, booted from the CD in QEMU through the
// harness: the default (linux, GRUB's 32-bit entry: GRUB's own zero page)
// after the menu's timeout, and linux16 (our setup16 ran: the zero page is in
// its real-mode segment, 0x9000); the initrd reaches the kernel and the demo
// runs. The menu's text is in the serial log: GRUB drew it on COM1.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { grubConfig } from "../tools/grub.js";
import { boot } from "../tools/qemu.js";
import { tsuki } from "./lib/debugging.js";
import { withSerial } from "./lib/bootfixtures.js";

let out: string;
let built: Promise<BuildResult>;
before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-iso-test-"));
  built = build({ out, log: () => {} });
  return built;
});
after(() => rmSync(out, { recursive: true, force: true }));

const zeroPage = (serial: string) => Number(/^layout: zero_page=(0x[0-9a-f]{8})\r?$/m.exec(serial)?.[1]);

test("grub.cfg: both entries, the initrd, serial and VGA terminals, a short timeout", () => {
  const cfg = grubConfig({ append: "test=all", initrd: "x.cpio" });
  assert.match(cfg, /^if serial --unit=0 --speed=115200; then\n {2}terminal_input serial console\n {2}terminal_output serial console\nfi$/m);
  assert.match(cfg, /^set timeout=3$/m);
  assert.match(cfg, /^set default=0$/m);
  assert.match(cfg, /^ {2}linux \/boot\/tsuki\.img 'test=all'\n {2}initrd \/boot\/initrd$/m);
  assert.match(cfg, /^ {2}linux16 \/boot\/tsuki\.img 'test=all'\n {2}initrd16 \/boot\/initrd$/m);
  assert.doesNotMatch(grubConfig({}), /initrd/, "no initrd line without an initrd");
  assert.match(grubConfig({ entry: "linux16", timeoutSec: 0 }), /^set timeout=0\nset default=1$/m);
});

test("tsuki iso: the default entry (linux) after the menu, and linux16, boot from the CD with the initrd", { timeout: 120_000 }, async () => {
  const b = await built;
  const iso = path.join(out, "menu.iso");
  const made = await tsuki(["iso", b.image, "-o", iso], 60);
  assert.equal(made.status, 0, made.stderr);
  assert.match(made.stdout, new RegExp(`^tsuki iso: wrote ${iso} \\(\\d+ bytes\\): entries linux and linux16 \\(default linux, after 3 s\\), initrd ${b.initrd}$`, "m"));
  const r = await boot({ image: b.image, boot: "grub", iso, initrd: b.initrd, timeoutSec: 40 });
  await withSerial(r.serial, () => {
    assert.equal(r.outcome, "poweroff", r.message);
    assert.match(r.serial, /Tsuki \(linux: GRUB's 32-bit entry\)/);
    assert.match(r.serial, /Tsuki \(linux16: Tsuki's 16-bit setup\)/);
    assert.match(r.serial, /Booting `Tsuki \(linux: GRUB's 32-bit entry\)'/);
    assert.ok(r.seconds >= 3, "the menu waited its timeout");
    assert.notEqual(zeroPage(r.serial) >>> 16, 0x9, "GRUB's own zero page: setup16 did not run");
    assert.match(r.serial, /^procmgr: demo done: /m, "the initrd's programs ran");
  });
  const iso16 = path.join(out, "linux16.iso");
  const made16 = await tsuki(["iso", b.image, "-o", iso16, "--entry", "linux16", "--timeout", "0"], 60);
  assert.equal(made16.status, 0, made16.stderr);
  const r16 = await boot({ image: b.image, boot: "grub16", iso: iso16, initrd: b.initrd, timeoutSec: 40 });
  await withSerial(r16.serial, () => {
    assert.equal(r16.outcome, "poweroff", r16.message);
    assert.equal(zeroPage(r16.serial) >>> 16, 0x9, "setup16's zero page, in GRUB linux16's real-mode segment");
    assert.match(r16.serial, /^procmgr: demo done: /m);
  });
});

test("tsuki iso: usage errors", async () => {
  const b = await built;
  for (const [args, msg] of [
    [["--entry", "efi"], /--entry efi: expected linux or linux16/],
    [["--timeout", "1.5"], /--timeout 1.5: expected a whole number of seconds from 0 to 600/],
    [["--append", "x".repeat(300)], /--append: GRUB would pass/],
    [["--initrd", path.join(out, "missing.cpio")], /missing\.cpio: no such file/],
  ] as const) {
    const r = await tsuki(["iso", b.image, "-o", path.join(out, "bad.iso"), ...args], 30);
    assert.equal(r.status, 2, args.join(" "));
    assert.match(r.stderr, msg);
  }
});
