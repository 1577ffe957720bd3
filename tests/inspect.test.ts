// `tsuki inspect`: describes a good image completely, and rejects a corpus of
// damaged copies of it, each with a message naming the field and what was
// expected.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { HEADER_FIELDS, BOOT_INFO_FIELDS } from "../tools/bootproto.js";
import { ROOT } from "../tools/realmode.js";
import { bootFixtures } from "./lib/bootfixtures.js";

const TSUKI = path.join(ROOT, "bin", "tsuki.js");

function inspect(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSUKI, "inspect", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

test("a good image: protocol, every header field, parts, ELF segments, boot_info", async () => {
  const f = await bootFixtures();
  const r = await inspect([f.image]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "");
  assert.match(r.stdout, /boot protocol 2\.04, version "0\.1\.0 \(tsuki\)"/);
  for (const fld of HEADER_FIELDS) assert.match(r.stdout, new RegExp(`0x${fld.offset.toString(16)} ${fld.name} `), fld.name);
  for (const fld of BOOT_INFO_FIELDS) assert.match(r.stdout, new RegExp(` ${fld.name} +0x[0-9a-f]{8}`), fld.name);
  assert.match(r.stdout, /setup32 +0x00000600 +0x00001000 0x00100000/);
  assert.match(r.stdout, /kernel ELF +0x00001600 +0x[0-9a-f]{8} 0x00101000/);
  assert.match(r.stdout, /procmgr ELF +0x[0-9a-f]{8} +0x[0-9a-f]{8} 0x00103000/);
  assert.match(r.stdout, /kernel ELF: entry 0x001010[0-9a-f]{2}/);
  assert.match(r.stdout, /procmgr ELF: entry 0x0804[0-9a-f]{4}/);
  assert.match(r.stdout, /1 +0x00001000 0x00102000 0x00102000 .* RW- /, "kernel data segment");

  const j = await inspect([f.image, "--json"]);
  assert.equal(j.status, 0);
  const rep = JSON.parse(j.stdout);
  assert.equal(rep.protocol, "2.04");
  assert.deepEqual(rep.errors, []);
  assert.equal(rep.header.length, HEADER_FIELDS.length);
  assert.deepEqual(rep.parts.map((p: { name: string }) => p.name), ["boot sector", "setup16", "setup32", "kernel ELF", "procmgr ELF"]);
  assert.equal(rep.bootInfo.find((b: { name: string }) => b.name === "kernel_start").value, 0x101000);
  assert.equal(rep.kernel.segments.length, 2);
});

test("usage: --help, no image, missing file", async () => {
  const help = await inspect(["--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--json/);
  assert.equal((await inspect([])).status, 2);
  const missing = await inspect(["/nonexistent/tsuki.img"]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file/);
});

interface Damage {
  name: string;
  damage: (img: Buffer, at: Offsets) => Buffer;
  expect: RegExp[];
}
interface Offsets {
  pm: number; // file offset of setup32
  info: number; // file offset of boot_info
  kernel: number; // file offset of the kernel ELF
  proc: number; // file offset of the procmgr ELF
}

const put32 = (off: number, v: number) => (b: Buffer) => (b.writeUInt32LE(v >>> 0, off), b);
const put16 = (off: number, v: number) => (b: Buffer) => (b.writeUInt16LE(v, off), b);
const put8 = (off: number, v: number) => (b: Buffer) => ((b[off] = v), b);

const CORPUS: Damage[] = [
  { name: "empty file", damage: (b) => b.subarray(0, 0), expect: [/truncated: the image is 0 bytes, but the setup header alone ends at 0x230/] },
  { name: "cut inside the boot sector", damage: (b) => b.subarray(0, 300), expect: [/truncated: the image is 300 bytes/] },
  { name: "cut inside setup32", damage: (b, a) => b.subarray(0, a.pm + 100), expect: [/truncated: the image is \d+ bytes, but setup32 needs 4096 bytes from 0x00000600/] },
  { name: "cut inside the kernel", damage: (b, a) => b.subarray(0, a.kernel + 0x800), expect: [/syssize = 0x[0-9a-f]+ does not match the file: expected 0x00000180 \(protected-mode part is 6144 bytes\)/, /kernel_size = 0x000012f0 runs past the end of the file/, /kernel ELF: section header table .* truncated/] },
  { name: "cut inside the procmgr", damage: (b, a) => b.subarray(0, a.proc + 0x100), expect: [/syssize = 0x00000521 does not match the file: expected 0x00000310/, /boot_info.proc_size = 0x[0-9a-f]+, expected 0x00000100/] },
  { name: "trailing bytes", damage: (b) => Buffer.concat([b, Buffer.alloc(64)]), expect: [/syssize = 0x[0-9a-f]+ does not match the file: expected 0x[0-9a-f]+/, /boot_info.proc_size = .*, expected/] },
  { name: "boot flag", damage: put16(0x1fe, 0x55aa), expect: [/boot_flag = 0x55aa, expected 0xaa55/] },
  { name: "HdrS magic", damage: (b) => (b.write("HdrX", 0x202), b), expect: [/header = 0x58726448 \("HdrX"\), expected 0x53726448 \("HdrS"\)/] },
  { name: "protocol version", damage: put16(0x206, 0x0203), expect: [/version = 0x0203, expected 0x0204/] },
  { name: "setup_sects too large", damage: put8(0x1f1, 3), expect: [/setup_sects = 3 does not match the file: expected 2/] },
  { name: "setup_sects = 0 (read as 4)", damage: put8(0x1f1, 0), expect: [/setup_sects = 0 does not match the file: expected 2/] },
  { name: "setup_sects beyond GRUB's limit", damage: put8(0x1f1, 65), expect: [/setup_sects = 65, expected at most 64/] },
  { name: "syssize", damage: (b) => put32(0x1f4, b.readUInt32LE(0x1f4) - 1)(b), expect: [/syssize = 0x[0-9a-f]+ does not match the file: expected 0x[0-9a-f]+ \(protected-mode part is \d+ bytes\)/] },
  { name: "LOADED_HIGH cleared", damage: put8(0x211, 0), expect: [/loadflags = 0x00 lacks LOADED_HIGH \(0x01\)/] },
  { name: "code32_start", damage: put32(0x214, 0x200000), expect: [/code32_start = 0x00200000, expected 0x00100000/] },
  { name: "jump at 0x200", damage: put8(0x201, 0x20), expect: [/jump = eb20 at 0x200, expected eb 2e/] },
  { name: "kernel_version pointer", damage: put16(0x20e, 0x7fff), expect: [/kernel_version = 0x7fff points at 0x81ff, expected .* NUL-terminated string/] },
  { name: "boot_info signature", damage: (b, a) => put32(a.info, 0)(b), expect: [/setup32: no boot_info signature 0x494b5354 \("TSKI"\) at file offset 0x00000604/] },
  { name: "boot_info version", damage: (b, a) => put32(a.info + 4, 3)(b), expect: [/setup32: boot_info version is 3, expected 2/] },
  { name: "setup32 jump", damage: (b, a) => put8(a.pm, 0xe9)(b), expect: [/setup32: first byte is e9, expected eb/] },
  { name: "boot_info.image_start", damage: (b, a) => put32(a.info + 0x08, 0x90000)(b), expect: [/boot_info.image_start = 0x00090000, expected 0x00100000/] },
  { name: "boot_info.kernel_start", damage: (b, a) => put32(a.info + 0x10, 0x102000)(b), expect: [/boot_info.kernel_start = 0x00102000, expected 0x00101000/] },
  { name: "boot_info.kernel_size too small", damage: (b, a) => put32(a.info + 0x14, 0x100)(b), expect: [/boot_info.kernel_size = 0x00000100 is smaller than the kernel ELF|kernel ELF: .*truncated/, /boot_info.proc_start = 0x00103000, expected 0x00102000/] },
  { name: "boot_info.proc_start", damage: (b, a) => put32(a.info + 0x18, 0x104000)(b), expect: [/boot_info.proc_start = 0x00104000, expected 0x00103000/] },
  { name: "boot_info.proc_size", damage: (b, a) => put32(a.info + 0x1c, 0x10)(b), expect: [/boot_info.proc_size = 0x00000010, expected 0x[0-9a-f]{8}/] },
  { name: "boot_info.image_top", damage: (b, a) => put32(a.info + 0x0c, 0x105000)(b), expect: [/boot_info.image_top = 0x00105000, expected 0x00106000/] },
  { name: "kernel ELF magic", damage: (b, a) => put8(a.kernel, 0)(b), expect: [/kernel ELF: no ELF magic at file offset 0x00001600/] },
  { name: "kernel ELF machine", damage: (b, a) => put16(a.kernel + 18, 62)(b), expect: [/kernel ELF: e_machine is x86-64 \(62\), expected i386 \(3\)/] },
  { name: "kernel segment address", damage: (b, a) => put32(a.kernel + b.readUInt32LE(a.kernel + 28) + 32 + 8, 0x200000)(b), expect: [/kernel ELF: segment 1: p_vaddr is 0x00200000, expected 0x00102000/] },
  { name: "procmgr ELF type", damage: (b, a) => put16(a.proc + 16, 1)(b), expect: [/procmgr ELF: e_type is ET_REL, expected ET_EXEC/] },
  { name: "procmgr program headers out of the file", damage: (b, a) => put32(a.proc + 28, 0x100000)(b), expect: [/procmgr ELF: program header table .* runs past the end of the file/, /procmgr ELF: the kernel refuses it at every boot: program header table missing or outside the file/] },
  // Issue 6, point 4: loader-owned fields and bits, initrd_addr_max, kernel_version.
  { name: "ramdisk_image already filled in", damage: put32(0x218, 0x07000000), expect: [/ramdisk_image = 0x07000000, expected 0: the boot loader writes it/] },
  { name: "ramdisk_size already filled in", damage: put32(0x21c, 0x1000), expect: [/ramdisk_size = 0x00001000, expected 0: the boot loader writes it/] },
  { name: "initrd_addr_max 0", damage: put32(0x22c, 0), expect: [/initrd_addr_max = 0x00000000, expected between kernel_region_top 0x[0-9a-f]{8} .* and KLIMIT - 1 0x07ffffff/] },
  { name: "initrd_addr_max 0xffffffff (an initrd above KLIMIT)", damage: put32(0x22c, 0xffffffff), expect: [/initrd_addr_max = 0xffffffff, expected between kernel_region_top/] },
  { name: "kernel_version pointing into code", damage: put16(0x20e, 0x30), expect: [/kernel_version = 0x0030 points at 0x0230, expected .* printable characters in the setup code/] },
  { name: "loadflags 0xff", damage: put8(0x211, 0xff), expect: [/loadflags = 0xff has bits 0x1c that boot protocol 2.04 does not define/, /KASLR_FLAG \(0x02\)/, /loader bits 0xe0/] },
  { name: "CAN_USE_HEAP set in the image", damage: put8(0x211, 0x81), expect: [/loadflags = 0x81 has loader bits 0x80/] },
  { name: "type_of_loader already set", damage: put8(0x210, 0x72), expect: [/type_of_loader = 0x72, expected 0/] },
  { name: "cmd_line_ptr already set", damage: put32(0x228, 0x20000), expect: [/cmd_line_ptr = 0x00020000, expected 0/] },
  { name: "heap_end_ptr already set", damage: put16(0x224, 0xfe00), expect: [/heap_end_ptr = 0xfe00, expected 0/] },
  // Issue 6, points 2 and 3: what the kernel would refuse at every boot.
  { name: "image_top near KLIMIT", damage: (b, a) => put32(a.info + 0x1c, 0x07ff0000 - 0x103000 - 0x10)(put32(a.info + 0x0c, 0x07ff0000)(b)), expect: [/the kernel's layout self-check fails at every boot: kernel_region_top must be below KLIMIT .*KLIMIT is 0x08000000/] },
  { name: "procmgr segment aligned to p_align 16, not to the page", damage: (b, a) => put32(procPh(b, a, 1) + 28, 0x10)(put32(procPh(b, a, 1) + 8, b.readUInt32LE(procPh(b, a, 1) + 8) + 0x10)(b)), expect: [/procmgr ELF: the kernel refuses it at every boot: a segment's offset and address disagree modulo the page size/] },
  { name: "procmgr segment past 4 GiB", damage: (b, a) => put32(procPh(b, a, 1) + 20, 0xfffff000)(b), expect: [/procmgr ELF: the kernel refuses it at every boot: a segment wraps past 4 GiB/] },
  { name: "kernel entry point outside the kernel", damage: (b, a) => put32(a.kernel + 24, 0x200000)(b), expect: [/kernel ELF: setup32 refuses it at every boot: kernel entry point outside the kernel file/] },
];

/** File offset of program header `i` of the procmgr ELF. */
function procPh(b: Buffer, a: Offsets, i: number): number {
  return a.proc + b.readUInt32LE(a.proc + 28) + 32 * i;
}

test(`rejects ${CORPUS.length} damaged images, naming the field and the expected value`, async () => {
  assert.ok(CORPUS.length >= 45);
  const f = await bootFixtures();
  const good = f.imageBytes;
  const pm = 512 * (1 + good[0x1f1]!);
  const at: Offsets = { pm, info: pm + 4, kernel: pm + 0x1000, proc: pm + (good.readUInt32LE(pm + 4 + 0x18) - 0x100000) };
  assert.equal(at.proc, 0x3600, "fixture layout the offsets above assume");
  const failures: string[] = [];
  for (const [i, c] of CORPUS.entries()) {
    const file = path.join(f.dir, `damaged-${i}.img`);
    await writeFile(file, c.damage(Buffer.from(good), at));
    const r = await inspect([file]);
    const problems: string[] = [];
    if (r.status !== 1) problems.push(`exit status ${r.status}, expected 1`);
    for (const re of c.expect) if (!re.test(r.stderr)) problems.push(`stderr does not match ${re}`);
    if (!/^tsuki inspect: .*: error: /m.test(r.stderr)) problems.push("no 'tsuki inspect: FILE: error:' line");
    if (problems.length > 0) failures.push(`${c.name}: ${problems.join("; ")}\n${r.stderr}`);
  }
  assert.deepEqual(failures, []);
});
