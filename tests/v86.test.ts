// The v86 boot path's verdicts (tools/v86.ts, docs/boot.md "--boot v86"):
// a kernel panic is a panic, a fault v86 throws on (the triple-fault
// fixture) is a reset and not a crashed runner, a hang is a timeout, and the
// options v86 cannot honour are refused before anything boots. test=all and
// the layout rules under v86 are in tests/user.test.ts's matrix.

import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { boot } from "../tools/run.js";
import { ROOT } from "../tools/realmode.js";
import { bootFixtures } from "./lib/bootfixtures.js";
import { withLog } from "./lib/layoutreport.js";

let built: Promise<BuildResult>;

before(() => {
  built = build({ out: mkdtempSync(path.join(os.tmpdir(), "tsuki-v86-test-")), log: () => {} });
  return built;
});

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "tsuki.js"), ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("--boot v86: verdicts", () => {
  it("a kernel panic (test=de) is a panic, exit status 1, with the PANIC line, through tsuki run", async () => {
    const image = (await built).image;
    const r = await cli(["run", image, "--boot", "v86", "--initrd", "none", "--append", "test=de", "--timeout", "30"]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^power-off: failure \(no isa-debug-exit device; halted\)\r?$/m, "the kernel's last line");
    assert.match(r.stderr, /^tsuki run: panic: guest panicked \(power-off: failure\) after [\d.]+ s: PANIC: divide error/m);
  });

  it("a fault v86 throws on (the triple-fault fixture) is a reset verdict, and the runner goes on", async () => {
    const f = await bootFixtures();
    const r = await boot({ image: f.image, boot: "v86", append: "fixture=triple", timeoutSec: 30 });
    withLog(r, () => {
      assert.equal(r.outcome, "reset", r.message);
      assert.equal(r.status, 3);
      assert.match(r.message, /^guest triple-faulted: v86 could not deliver a fault and threw RuntimeError: unreachable .*Unimplemented: #GP handler/);
      assert.match(r.serial, /^fixture: triple fault\r?$/m, "the fixture got that far");
    });
    // This process survived the throw: another boot runs.
    const again = await boot({ image: (await built).image, boot: "v86", memoryMB: 64, append: "test=de", timeoutSec: 30 });
    assert.equal(again.outcome, "panic", again.message);
  });

  it("a guest that never powers off is a timeout", async () => {
    const f = await bootFixtures();
    const r = await boot({ image: f.image, boot: "v86", append: "fixture=hang", timeoutSec: 3 });
    withLog(r, () => {
      assert.equal(r.outcome, "timeout", r.message);
      assert.equal(r.status, 4);
      assert.match(r.message, /^no power-off within 3 s, v86 stopped$/);
    });
  });

  it("refuses what v86 cannot honour, before booting", async () => {
    const image = (await built).image;
    const archive = (await built).initrd;
    await assert.rejects(boot({ image, boot: "v86", memoryMB: 64, initrd: archive }), /--initrd: v86 loads the initrd at 64 MiB .* needs --memory 81 or more/);
    await assert.rejects(boot({ image, boot: "v86", append: "x".repeat(255) }), /--append: the command line is 255 bytes; v86's loader passes at most 254/);
    await assert.rejects(boot({ image, boot: "v86", machine: "q35" }), /--boot v86: --machine, --cpu, --smp, --gui and --qemu-arg are QEMU options/);
    await assert.rejects(boot({ image, boot: "v86", gdbPort: 1234 }), /--boot v86: v86 has no gdb stub/);
    const r = await cli(["run", image, "--boot", "v86", "--cpu", "pentium"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^tsuki run: --machine, --cpu, --smp, --gui and --qemu-arg are QEMU options/m);
    const m = await cli(["run", image, "--boot", "v86", "--memory", "64"]);
    assert.equal(m.status, 2, "the default initrd does not fit at 64 MB");
    assert.match(m.stderr, /^tsuki run: --initrd: v86 loads the initrd at 64 MiB/m);
  });
});
