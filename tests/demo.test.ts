// Programs from the initrd (issue 8): the build archives programs/* into
// build/initrd.cpio (newc, checked against the real cpio), `tsuki run`
// passes it, and the process manager starts ping and pong from it, each in a
// process of its own, and relays their messages -- through QEMU's loader and
// GRUB's linux and linux16, with sysenter and with int 0x80. A damaged
// program is refused with the ELF rule it breaks; an archive without the
// demo's programs is no demo, not a failure. Failing boots print their log.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { readCpio, writeCpio } from "../tools/cpio.js";
import { readElf } from "../tools/elf.js";
import { boot } from "../tools/run.js";
import { withLog } from "./lib/layoutreport.js";

let built: Promise<BuildResult>;
let out: string;

before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-demo-test-"));
  built = build({ out, log: () => {} });
  return built;
});

after(() => rmSync(out, { recursive: true, force: true }));

const DEMO = [
  /^procmgr: started pong \(\d+ bytes\) in a process of its own\r?$/m,
  /^procmgr: started ping \(\d+ bytes\) in a process of its own\r?$/m,
  /^pong: got "ping 1" \(message 1, 6 bytes\)\r?$/m,
  /^ping: sent message 1, the answer was "pong 1"\r?$/m,
  /^ping: sent message 3, the answer was "pong 3"\r?$/m,
  /^pong: got "bye" \(message 0, 3 bytes\)\r?$/m,
  /^procmgr: demo done: ping and pong exchanged 4 messages through the process manager\r?$/m,
];

describe("the initrd archive", () => {
  it("writeCpio's newc archive is what cpio(1) reads, and readCpio reads it back", () => {
    const files = [{ name: "a", data: Buffer.from("x") }, { name: "longer-name", data: Buffer.alloc(1001, 7) }, { name: "empty", data: Buffer.alloc(0) }];
    const archive = writeCpio(files);
    assert.equal(archive.length % 4, 0, "padded to 4 bytes");
    const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-cpio-"));
    try {
      const file = path.join(dir, "t.cpio");
      writeFileSync(file, archive);
      const listed = execFileSync("cpio", ["-t", "--quiet", "-F", file], { encoding: "utf8" }).trim().split("\n");
      assert.deepEqual(listed, ["a", "longer-name", "empty"], "cpio -t lists the files in order");
      const content = execFileSync("cpio", ["-i", "--quiet", "--to-stdout", "-F", file, "longer-name"]);
      assert.deepEqual(content, files[1]!.data, "cpio -i gives the bytes back");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(readCpio(archive).map((f) => [f.name, f.data.length]), [["a", 1], ["longer-name", 1001], ["empty", 0]]);
    assert.deepEqual(writeCpio(files), archive, "the same files give the same bytes");
    assert.throws(() => readCpio(archive.subarray(0, 200)), /runs past the archive|truncated/);
    assert.throws(() => readCpio(Buffer.from("0707XX" + "0".repeat(104))), /no newc magic/);
    assert.throws(() => writeCpio([{ name: "", data: Buffer.alloc(0) }]), /bad file name/);
  });

  it("the build's initrd.cpio holds ping and pong, i386 executables above KLIMIT", async () => {
    const b = await built;
    const files = readCpio(readFileSync(b.initrd));
    assert.deepEqual(files.map((f) => f.name), ["ping", "pong"]);
    for (const f of files) {
      const elf = readElf(f.data, f.name);
      assert.equal(elf.header.type, 2, `${f.name}: ET_EXEC`);
      assert.equal(elf.header.machine, 3, `${f.name}: i386`);
      assert.ok(elf.header.entry >= 0x08000000, `${f.name}: entry above KLIMIT`);
      assert.ok(elf.segments.filter((p) => p.type === 1).every((p) => p.vaddr >= 0x08000000), `${f.name}: every PT_LOAD above KLIMIT`);
    }
  });
});

describe("the demo: ping and pong from the initrd, through the process manager", { concurrency: 2 }, () => {
  for (const [loader, cpu] of [["qemu", undefined], ["qemu", "pentium"], ["grub", undefined], ["grub16", undefined]] as const) {
    it(`${loader}${cpu ? `, -cpu ${cpu}` : ""}: both started, four messages relayed, a clean power-off`, async () => {
      const b = await built;
      const r = await boot({ image: b.image, boot: loader, cpu, initrd: b.initrd, timeoutSec: 30 });
      withLog(r, () => {
        assert.equal(r.outcome, "poweroff", r.message);
        assert.match(r.serial, /^procmgr: the initrd's \d+ bytes copied to 0x0c000000, read-only\r?$/m);
        let at = 0;
        for (const re of DEMO) {
          const m = re.exec(r.serial.slice(at));
          assert.ok(m, `in order: ${re}`);
          at += m.index + m[0].length;
        }
        assert.doesNotMatch(r.serial, /PANIC|FAIL|ended by a user-mode exception/);
      });
    });
  }

  it("a damaged program is not started, and the process manager says which ELF rule it breaks", async () => {
    const b = await built;
    const files = readCpio(readFileSync(b.initrd)).map((f) => ({ name: f.name, data: Buffer.from(f.data) }));
    files.find((f) => f.name === "ping")!.data.writeUInt16LE(3, 16); // e_type: ET_DYN
    const initrd = path.join(out, "damaged.cpio");
    writeFileSync(initrd, writeCpio(files));
    const r = await boot({ image: b.image, initrd, timeoutSec: 30 });
    withLog(r, () => {
      assert.match(r.serial, /^procmgr: ping: not started: .*executable/m);
      assert.notEqual(r.outcome, "poweroff", "the demo failed, and the status says so");
      assert.doesNotMatch(r.serial, /^PANIC/m, "the kernel is fine");
    });
  });

  it("an initrd without the demo's programs is no demo, and not a failure", async () => {
    const b = await built;
    const initrd = path.join(out, "other.cpio");
    writeFileSync(initrd, writeCpio([{ name: "notes.txt", data: Buffer.from("hello\n") }]));
    const r = await boot({ image: b.image, initrd, timeoutSec: 30 });
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      assert.match(r.serial, /^procmgr: the initrd holds no ping and pong/m);
    });
  });
});
