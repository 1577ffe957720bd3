// Builds the boot tests' inputs once per process, in a temporary directory:
// the real boot sector and setup16 (from boot/), and test-only stand-ins for
// setup32, the kernel and the process manager (from tests/fixtures/), plus a
// good image assembled from them. The stand-in setup32 reports on COM1 what
// the boot path gave it; see tests/fixtures/setup32.S.

import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildRealMode, ROOT } from "../../tools/realmode.js";
import { buildImage, type ImageParts } from "../../tools/image.js";

const exec = promisify(execFile);
const FIX = path.join(ROOT, "tests", "fixtures");
const CFLAGS = ["-m32", "-ffreestanding", "-fno-pic", "-fno-stack-protector", "-nostdlib", "-O2", "-fno-asynchronous-unwind-tables"];
const LD = ["-m", "elf_i386", "--no-warn-rwx-segments", "-z", "noexecstack"];

export interface BootFixtures {
  dir: string;
  paths: Record<keyof ImageParts, string>;
  parts: ImageParts;
  image: string; // path of the good image
  imageBytes: Buffer;
}

async function sh(cmd: string, args: string[]): Promise<void> {
  try {
    await exec(cmd, args);
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")}: ${(e as { stderr?: string }).stderr ?? e}`);
  }
}

async function build(): Promise<BootFixtures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tsuki-boot-test-"));
  const o = (f: string) => path.join(dir, f);
  const rm16 = buildRealMode(path.join(dir, "realmode"));
  const setup32 = (async () => {
    await sh("gcc", ["-m32", "-c", path.join(FIX, "setup32.S"), "-o", o("setup32.o")]);
    await sh("ld", [...LD, "-T", path.join(FIX, "setup32.ld"), o("setup32.o"), "-o", o("setup32.elf")]);
    await sh("objcopy", ["-O", "binary", o("setup32.elf"), o("setup32.bin")]);
  })();
  const kernel = (async () => {
    await sh("gcc", [...CFLAGS, "-c", path.join(FIX, "kernel.c"), "-o", o("kernel.o")]);
    await sh("ld", [...LD, "-T", path.join(FIX, "kernel.ld"), o("kernel.o"), "-o", o("kernel.elf")]);
  })();
  const procmgr = (async () => {
    await sh("gcc", [...CFLAGS, "-c", path.join(FIX, "procmgr.c"), "-o", o("procmgr.o")]);
    await sh("ld", [...LD, "-Ttext-segment=0x08048000", "-e", "_start", o("procmgr.o"), "-o", o("procmgr.elf")]);
  })();
  const real = await rm16;
  await Promise.all([setup32, kernel, procmgr]);
  const paths = { boot: real.boot, setup16: real.setup16, setup32: o("setup32.bin"), kernel: o("kernel.elf"), procmgr: o("procmgr.elf") };
  const parts: ImageParts = {
    boot: await readFile(paths.boot),
    setup16: await readFile(paths.setup16),
    setup32: await readFile(paths.setup32),
    kernel: await readFile(paths.kernel),
    procmgr: await readFile(paths.procmgr),
  };
  const imageBytes = buildImage(parts).image;
  const image = o("tsuki.img");
  await writeFile(image, imageBytes);
  return { dir, paths, parts, image, imageBytes };
}

let cached: Promise<BootFixtures> | undefined;

/** The fixtures, built on first use; the directory is removed when the process exits. */
export function bootFixtures(): Promise<BootFixtures> {
  if (cached === undefined) {
    cached = build();
    cached.then((f) => process.once("exit", () => rmSync(f.dir, { recursive: true, force: true })), () => {});
  }
  return cached;
}

/** What the fixture setup32 printed, parsed. */
export interface FixtureReport {
  esi: number;
  hdr: number;
  version: number;
  loader: number;
  cs: number;
  ds: number;
  cmdline: string;
  ramdisk: [number, number]; // ramdisk_image, ramdisk_size from the zero page
  e820: { base: bigint; length: bigint; type: number }[];
  e820Count: number;
  bootInfo: number[]; // image_start image_top kernel_start kernel_size proc_start proc_size
  magic: number[]; // u32 at kernel_start, at proc_start
}

export function parseFixtureLog(serial: string): FixtureReport {
  const line = (re: RegExp): RegExpExecArray => {
    const m = re.exec(serial);
    if (m === null) throw new Error(`fixture output has no line matching ${re}`);
    return m;
  };
  const h = (s: string) => parseInt(s, 16);
  const regs = line(/fixture: esi=0x([0-9a-f]+)\r?\nfixture: hdr=0x([0-9a-f]+) version=0x([0-9a-f]+) loader=0x([0-9a-f]+) cs=0x([0-9a-f]+) ds=0x([0-9a-f]+)/);
  const e820 = [...serial.matchAll(/fixture: e820 0x([0-9a-f]{16}) 0x([0-9a-f]{16}) 0x([0-9a-f]{8})/g)].map((m) => ({
    base: BigInt("0x" + m[1]), length: BigInt("0x" + m[2]), type: h(m[3]!),
  }));
  return {
    esi: h(regs[1]!), hdr: h(regs[2]!), version: h(regs[3]!), loader: h(regs[4]!), cs: h(regs[5]!), ds: h(regs[6]!),
    cmdline: line(/fixture: cmdline=(.*?)\r?\n/)[1]!,
    ramdisk: line(/fixture: ramdisk=0x([0-9a-f]{8}) 0x([0-9a-f]{8})/).slice(1).map(h) as [number, number],
    e820Count: h(line(/fixture: e820_entries=0x([0-9a-f]+)/)[1]!),
    e820,
    bootInfo: line(/fixture: boot_info ((?:0x[0-9a-f]{8} ){6})/)[1]!.trim().split(" ").map(h),
    magic: line(/fixture: magic 0x([0-9a-f]{8}) 0x([0-9a-f]{8})/).slice(1).map(h),
  };
}

/** End of the highest usable (type 1) e820 region below 4 GiB. */
export function topOfLowRam(e820: FixtureReport["e820"]): bigint {
  let top = 0n;
  for (const r of e820) if (r.type === 1 && r.base + r.length <= 1n << 32n && r.base + r.length > top) top = r.base + r.length;
  return top;
}

/** Runs the assertions in `fn`; if one fails, its message carries the serial log of the boot. */
export async function withSerial<T>(serial: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Error) e.message += `\n--- serial log ---\n${serial}\n--- end of serial log ---`;
    throw e;
  }
}
