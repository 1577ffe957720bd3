// `tsuki run` and the boot paths: the real boot sector and setup16 with the
// stand-in setup32, booted through QEMU -kernel, GRUB linux and GRUB linux16.
// Each boot must reach 32-bit code with a valid zero page and e820 map.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { boot, AnsiStripper, GRUB_CMDLINE_MAX, grubCommandLine, type BootMode, type BootResult } from "../tools/qemu.js";
import { ROOT } from "../tools/realmode.js";
import { bootFixtures, parseFixtureLog, topOfLowRam, withSerial } from "./lib/bootfixtures.js";

const TSUKI = path.join(ROOT, "bin", "tsuki.js");

/** Boots the fixture image; fails with the serial log unless the guest powered off. */
async function bootOk(mode: BootMode, memoryMB = 128, append = "fixture=ok"): Promise<BootResult> {
  const f = await bootFixtures();
  const r = await boot({ image: f.image, boot: mode, memoryMB, append, timeoutSec: 20 });
  await withSerial(r.serial, () => assert.equal(r.outcome, "poweroff", r.message));
  return r;
}

/** Runs the CLI as a user would; resolves with status, stdout and stderr. */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSUKI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const expectedEsi: Record<BootMode, ((esi: number) => boolean) | undefined> = {
  // Our setup16's zero page, in the real-mode segment each 16-bit loader chose.
  qemu: (esi) => esi >>> 16 === 0x1,
  grub16: (esi) => esi >>> 16 === 0x9,
  grub: undefined, // GRUB's own zero page
  v86: undefined, // not booted here: the fixture ends without the kernel's power-off line (tests/v86.test.ts)
};

for (const mode of ["qemu", "grub", "grub16"] as const) {
  test(`${mode}: reaches 32-bit code with a valid zero page, e820 map and boot_info`, async () => {
    const f = await bootFixtures();
    const r = await bootOk(mode, 128, "fixture=ok tsuki.test=1");
    await withSerial(r.serial, () => {
      const rep = parseFixtureLog(r.serial);
      assert.ok(rep.esi !== 0 && rep.esi % 4 === 0, `esi = 0x${rep.esi.toString(16)}`);
      const want = expectedEsi[mode];
      if (want) assert.ok(want(rep.esi), `esi 0x${rep.esi.toString(16)} is not in the expected real-mode segment`);
      assert.equal(rep.hdr, 0x53726448, "zero page carries the setup header (HdrS)");
      assert.equal(rep.version, 0x0204);
      assert.notEqual(rep.loader, 0, "type_of_loader carried through");
      assert.equal(rep.cs, 0x10, "CS = __BOOT_CS");
      assert.equal(rep.ds, 0x18, "DS = __BOOT_DS");
      assert.match(rep.cmdline, /fixture=ok tsuki\.test=1$/, "command line carried through");
      assert.ok(rep.e820Count > 0 && rep.e820Count === rep.e820.length, "e820 count matches the entries");
      assert.ok(rep.e820.some((e) => e.type === 1 && e.base === 0x100000n), "usable RAM at 1 MiB");
      assert.deepEqual(rep.magic, [0x464c457f, 0x464c457f], "ELF magic at kernel_start and proc_start");
      const bi = f.imageBytes.subarray(0x200 * (1 + f.imageBytes[0x1f1]!) + 12);
      assert.deepEqual(rep.bootInfo, [0, 1, 2, 3, 4, 5].map((i) => bi.readUInt32LE(i * 4)), "boot_info as the image tool wrote it");
      assert.ok(!r.serial.includes("\x1b"), "no ANSI escapes in the output");
    });
  });
}

test("--memory changes the e820 map (qemu 32/128/1024/3072 MiB, grub 64, grub16 256)", async () => {
  const cases: [BootMode, number][] = [["qemu", 32], ["qemu", 128], ["qemu", 1024], ["qemu", 3072], ["grub", 64], ["grub16", 256]];
  for (const [mode, mb] of cases) {
    const r = await bootOk(mode, mb);
    await withSerial(r.serial, () => {
      const top = topOfLowRam(parseFixtureLog(r.serial).e820);
      const size = BigInt(mb) << 20n;
      // The BIOS keeps a little at the top (128 KiB under SeaBIOS); allow 1 MiB.
      assert.ok(top <= size && top > size - (1n << 20n), `${mode} ${mb} MiB: top of RAM 0x${top.toString(16)}`);
    });
  }
});

test("initrd: ramdisk_image/size reach the zero page, below initrd_addr_max (KLIMIT)", async () => {
  const f = await bootFixtures();
  const initrd = path.join(f.dir, "initrd.bin");
  await writeFile(initrd, Buffer.alloc(12345, 0x5a));
  for (const mode of ["qemu", "grub", "grub16"] as const) {
    const r = await boot({ image: f.image, boot: mode, memoryMB: 256, initrd, append: "fixture=ok", timeoutSec: 20 });
    await withSerial(r.serial, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      const [addr, size] = parseFixtureLog(r.serial).ramdisk;
      assert.equal(size, 12345, `${mode}: ramdisk_size`);
      assert.ok(addr >= 0x100000 && addr + size <= 0x08000000, `${mode}: ramdisk at 0x${addr.toString(16)} must end below KLIMIT`);
    });
  }
});

test("tsuki run: exit status and verdict for power-off, panic, triple fault and timeout", async () => {
  const f = await bootFixtures();
  const cases = [
    { append: "fixture=ok", status: 0, verdict: /^tsuki run: poweroff: /m },
    { append: "fixture=panic", status: 1, verdict: /^tsuki run: panic: .*PANIC: fixture asked to panic/m },
    { append: "fixture=triple", status: 3, verdict: /^tsuki run: reset: .*triple-faulted/m },
    { append: "fixture=hang", status: 4, verdict: /^tsuki run: timeout: no power-off within 1 s/m, timeout: "1" },
  ];
  for (const c of cases) {
    const r = await cli(["run", f.image, "--append", c.append, "--timeout", c.timeout ?? "20"]);
    await withSerial(r.stdout + r.stderr, () => {
      assert.equal(r.status, c.status, c.append);
      assert.match(r.stderr, c.verdict);
      assert.match(r.stdout, /fixture: esi=0x/, "serial output on stdout");
    });
  }
  // --memory on the command line reaches the guest's e820 map.
  const r = await cli(["run", f.image, "--memory", "48", "--append", "fixture=ok"]);
  await withSerial(r.stdout + r.stderr, () => {
    assert.equal(r.status, 0);
    assert.equal(topOfLowRam(parseFixtureLog(r.stdout).e820), (48n << 20n) - 0x20000n);
  });
});

test("a guest that prints PANIC: and then halts counts as a panic, not a timeout", async () => {
  const f = await bootFixtures();
  const r = await boot({ image: f.image, boot: "qemu", append: "fixture=halt-after-panic", timeoutSec: 1 });
  await withSerial(r.serial, () => {
    assert.equal(r.outcome, "panic");
    assert.equal(r.status, 1);
    assert.equal(r.qemuStatus, null, "QEMU was killed at the timeout");
    assert.match(r.message, /PANIC: fixture asked to panic/);
  });
});

test("tsuki run: usage errors", async () => {
  const f = await bootFixtures();
  const bad = [
    { args: ["run", f.image, "--boot", "lilo"], msg: /--boot lilo: expected one of qemu, grub, grub16/ },
    { args: ["run", f.image, "--memory", "lots"], msg: /--memory lots: expected a whole number/ },
    { args: ["run", f.image, "--timeout", "0"], msg: /--timeout 0: expected a positive number/ },
    { args: ["run", path.join(f.dir, "missing.img")], msg: /missing\.img: no such file/ },
    { args: ["run", f.image, "--frobnicate"], msg: /Unknown option '--frobnicate'/ },
    // GRUB would drop the last word of these; setup32 would cut the second.
    { args: ["run", f.image, "--boot", "grub", "--append", "x".repeat(229)], msg: /--append: GRUB would pass 256 bytes .* cuts .* to 255 bytes/ },
    { args: ["run", f.image, "--boot", "grub16", "--append", `${"w ".repeat(110)}quote="x"`], msg: /--append: GRUB would pass 2\d\d bytes/ },
    { args: ["run", f.image, "--append", "y".repeat(2048)], msg: /--append: the command line is 2048 bytes; setup32 keeps at most 2047/ },
  ];
  for (const b of bad) {
    const r = await cli(b.args);
    assert.equal(r.status, 2, b.args.join(" "));
    assert.match(r.stderr, b.msg);
  }
  const help = await cli(["run", "--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--boot MODE/);
});

for (const mode of ["grub", "grub16"] as const) {
  test(`${mode}: a command line of exactly ${GRUB_CMDLINE_MAX} bytes arrives whole, escaped as predicted`, async () => {
    const head = `fixture=ok q='x' d="y" b=\\z`;
    const fill = GRUB_CMDLINE_MAX - grubCommandLine(`${head} end=`).length;
    const append = `${head} end=${"e".repeat(fill)}`;
    const want = grubCommandLine(append);
    assert.equal(want.length, GRUB_CMDLINE_MAX);
    assert.ok(want.includes(String.raw`q=\'x\' d=\"y\" b=\\z`), want);
    const r = await bootOk(mode, 64, append);
    await withSerial(r.serial, () => assert.equal(parseFixtureLog(r.serial).cmdline, want));
  });
}

test("AnsiStripper removes escapes, also when split across chunks", () => {
  const s = new AnsiStripper();
  const out = [s.push("\x1b[2J\x1b[1;1Hhello\x1b["), s.push("0m world\x1b"), s.push("(Bdone\x1b[?25l\r\n"), s.flush()].join("");
  assert.equal(out, "hello world" + "done\r\n");
});

/**
 * Boots the image as a hard disk, i.e. by the BIOS without a boot loader, and
 * reads the VGA text screen through the QEMU monitor until the boot sector's
 * message appears (or 15 s pass).
 */
function biosScreen(disk: string): Promise<string> {
  return new Promise((resolve) => {
    const q = spawn("qemu-system-i386", [
      "-accel", "tcg", "-m", "32", "-display", "none", "-serial", "none", "-monitor", "stdio",
      "-drive", `file=${disk},format=raw,if=ide`, "-no-reboot",
    ], { stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    let screen = "";
    q.stdout.on("data", (d) => (out += d));
    const decode = () => {
      const bytes: number[] = [];
      for (const line of out.split("\n")) {
        const m = /^[0-9a-f]+:((?: 0x[0-9a-f]{2})+)/.exec(line.trim());
        if (m) for (const v of m[1]!.trim().split(" ")) bytes.push(parseInt(v, 16));
      }
      return String.fromCharCode(...bytes.filter((_, i) => i % 2 === 0));
    };
    const poll = setInterval(() => {
      screen = decode();
      if (/Boot it with a boot loader/.test(screen) || Date.now() - started > 15000) {
        clearInterval(poll);
        q.kill("SIGKILL");
      } else {
        out = "";
        q.stdin.write("xp /4000bx 0xb8000\n");
      }
    }, 250);
    const started = Date.now();
    q.on("close", () => resolve(screen.replace(/(.{80})/g, "$1\n")));
  });
}

test("booted directly by the BIOS, the boot sector says to use a boot loader", async () => {
  const f = await bootFixtures();
  const disk = path.join(f.dir, "disk.img");
  await writeFile(disk, Buffer.concat([f.imageBytes, Buffer.alloc(0x100000 - f.imageBytes.length)]));
  const screen = await biosScreen(disk);
  assert.match(screen, /Tsuki is a kernel image, not a boot disk\.\s+Boot it with a boot loader/, screen);
});
