// `tsuki image`: lays out the parts, patches the header and boot_info, and
// refuses bad parts with one message naming the part and the problem.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { buildImage, ImageError, run, type ImageParts } from "../tools/image.js";
import { analyse } from "../tools/inspect.js";
import { BOOT_INFO_SIZE } from "../tools/bootproto.js";
import { bootFixtures } from "./lib/bootfixtures.js";

const exec = promisify(execFile);

// ELF32 program header field offsets, for making bad parts out of good ones.
const PH = { vaddr: 8, paddr: 12, memsz: 20, align: 28 };
function phdr(elf: Buffer, i: number): number {
  return elf.readUInt32LE(28) + i * 32;
}
function patchSegment(elf: Buffer, i: number, field: keyof typeof PH, value: number): Buffer {
  const b = Buffer.from(elf);
  b.writeUInt32LE(value >>> 0, phdr(b, i) + PH[field]);
  return b;
}
function segField(elf: Buffer, i: number, field: keyof typeof PH): number {
  return elf.readUInt32LE(phdr(elf, i) + PH[field]);
}

async function parts(): Promise<ImageParts> {
  const f = await bootFixtures();
  return { ...f.parts };
}

function refuses(p: ImageParts, message: RegExp): void {
  assert.throws(() => buildImage(p), (e: unknown) => {
    assert.ok(e instanceof ImageError, `expected an ImageError, got ${e}`);
    assert.match(e.message, message);
    return true;
  });
}

test("lays out the parts and patches setup_sects, syssize and boot_info", async () => {
  const p = await parts();
  const { image, setupSects, syssize, layout } = buildImage(p);
  assert.equal(setupSects, Math.ceil(p.setup16.length / 512));
  assert.equal(image[0x1f1], setupSects);
  const pm = 512 * (1 + setupSects);
  assert.equal(image.readUInt32LE(0x1f4), syssize);
  assert.equal(syssize, Math.ceil((image.length - pm) / 16));
  assert.deepEqual(image.subarray(0, 0x1f1), p.boot.subarray(0, 0x1f1), "boot sector code unchanged");
  assert.deepEqual(image.subarray(pm + 4 + BOOT_INFO_SIZE, pm + p.setup32.length), p.setup32.subarray(4 + BOOT_INFO_SIZE), "setup32 code unchanged");
  assert.deepEqual(image.subarray(pm + 0x1000, pm + 0x1000 + p.kernel.length), p.kernel, "kernel ELF at kernel_start");
  const procOff = pm + layout.procStart - 0x100000;
  assert.deepEqual(image.subarray(procOff), p.procmgr, "procmgr ELF last, at proc_start");
  const bi = (off: number) => image.readUInt32LE(pm + 4 + off);
  assert.equal(bi(0x00), 0x494b5354);
  assert.equal(bi(0x08), 0x100000, "image_start");
  assert.equal(bi(0x10), 0x101000, "kernel_start");
  assert.equal(bi(0x14), p.kernel.length, "kernel_size");
  assert.equal(bi(0x18) % 0x1000, 0, "proc_start page aligned");
  assert.equal(bi(0x18), 0x101000 + Math.ceil(p.kernel.length / 0x1000) * 0x1000, "proc_start");
  assert.equal(bi(0x1c), p.procmgr.length, "proc_size");
  assert.equal(bi(0x0c), Math.ceil((bi(0x18) + bi(0x1c)) / 0x1000) * 0x1000, "image_top");
  for (let off = 0x20; off < BOOT_INFO_SIZE; off += 4) assert.equal(bi(off), 0, `run-time field +0x${off.toString(16)} left for setup32`);
  assert.deepEqual(analyse(image).errors, []);
});

test("file(1) identifies the image as a Linux x86 boot executable", async () => {
  const f = await bootFixtures();
  const { stdout } = await exec("file", [f.image]);
  assert.match(stdout, /Linux kernel x86 boot executable bzImage, version 0\.1\.0 \(tsuki\)/);
});

test("the CLI writes the image; --help; missing and unreadable inputs", async () => {
  const f = await bootFixtures();
  const out = path.join(f.dir, "cli.img");
  const p = f.paths;
  const args = ["--boot", p.boot, "--setup16", p.setup16, "--setup32", p.setup32, "--kernel", p.kernel, "--procmgr", p.procmgr];
  const logged: string[] = [];
  const saved = [console.log, console.error];
  console.log = console.error = (...a: unknown[]) => void logged.push(a.join(" "));
  try {
    assert.equal(await run([...args, "-o", out]), 0);
    assert.deepEqual(await readFile(out), f.imageBytes);
    assert.equal(await run(["--help"]), 0);
    assert.match(logged.join("\n"), /--setup32 FILE/);
    assert.equal(await run(args), 1);
    assert.match(logged.at(-1)!, /missing -o IMAGE/);
    assert.equal(await run([...args.slice(2), "-o", out]), 1);
    assert.match(logged.at(-1)!, /missing --boot FILE/);
    assert.equal(await run([...args.slice(0, -1), path.join(f.dir, "nope.elf"), "-o", out]), 1);
    assert.match(logged.at(-1)!, /--procmgr .*nope\.elf: no such file/);
    assert.equal(await run(["--kernal", "x"]), 2);
    assert.match(logged.at(-1)!, /Unknown option '--kernal'/);
  } finally {
    [console.log, console.error] = saved;
  }
});

test("refuses a bad boot sector or setup16", async () => {
  const p = await parts();
  refuses({ ...p, boot: p.boot.subarray(0, 500) }, /^boot sector: 500 bytes, expected exactly 512$/);
  const noFlag = Buffer.from(p.boot);
  noFlag.writeUInt16LE(0, 0x1fe);
  refuses({ ...p, boot: noFlag }, /boot_flag at 0x1fe is 0x0000, expected 0xaa55/);
  const noHdrS = Buffer.from(p.setup16);
  noHdrS.write("HdrX", 2);
  refuses({ ...p, setup16: noHdrS }, /setup16: no "HdrS" at offset 2/);
  const oldVersion = Buffer.from(p.setup16);
  oldVersion.writeUInt16LE(0x0202, 6);
  refuses({ ...p, setup16: oldVersion }, /setup16: boot protocol version is 0x0202, expected 0x0204/);
  refuses({ ...p, setup16: Buffer.concat([p.setup16, Buffer.alloc(64 * 512)]) }, /setup16: .* is 66 sectors, more than the 64 GRUB reads/);
});

test("writes the loader-owned header fields as 0, and refuses a bad setup16 header naming the field (issue 6)", async () => {
  const { parts: p } = await bootFixtures();
  // setup16 starts at file offset 0x200: header field at 0x2XX is setup16 byte 0xXX.
  const filled = Buffer.from(p.setup16);
  filled.writeUInt32LE(0x07000000, 0x18); // ramdisk_image
  filled.writeUInt32LE(0x1000, 0x1c); // ramdisk_size
  filled[0x10] = 0x72; // type_of_loader
  filled.writeUInt32LE(0x20000, 0x28); // cmd_line_ptr
  filled[0x11] = 0x81; // loadflags: LOADED_HIGH | CAN_USE_HEAP
  const { image } = buildImage({ ...p, setup16: filled });
  assert.equal(image.readUInt32LE(0x218), 0, "ramdisk_image written as 0");
  assert.equal(image.readUInt32LE(0x21c), 0, "ramdisk_size written as 0");
  assert.equal(image[0x210], 0, "type_of_loader written as 0");
  assert.equal(image.readUInt32LE(0x228), 0, "cmd_line_ptr written as 0");
  assert.equal(image[0x211], 0x01, "loadflags: the loader's CAN_USE_HEAP cleared, LOADED_HIGH kept");
  const undefinedBits = Buffer.from(p.setup16);
  undefinedBits[0x11] = 0x05;
  refuses({ ...p, setup16: undefinedBits }, /^setup16 header: loadflags = 0x05 has bits 0x04 that boot protocol 2.04 does not define$/);
  const badVersion = Buffer.from(p.setup16);
  badVersion.writeUInt16LE(0x30, 0x0e);
  refuses({ ...p, setup16: badVersion }, /^setup16 header: kernel_version = 0x0030 points at 0x0230/);
  const highInitrd = Buffer.from(p.setup16);
  highInitrd.writeUInt32LE(0xffffffff, 0x2c);
  refuses({ ...p, setup16: highInitrd }, /^setup16 header: initrd_addr_max = 0xffffffff, expected between kernel_region_top/);
  const noHigh = Buffer.from(p.setup16);
  noHigh[0x11] = 0;
  refuses({ ...p, setup16: noHigh }, /^setup16 header: loadflags = 0x00 lacks LOADED_HIGH/);
});

test("refuses a bad setup32", async () => {
  const p = await parts();
  refuses({ ...p, setup32: Buffer.concat([p.setup32, Buffer.alloc(4097 - p.setup32.length)]) }, /setup32: 4097 bytes, larger than 4096/);
  const noSig = Buffer.from(p.setup32);
  noSig.writeUInt32LE(0x12345678, 4);
  refuses({ ...p, setup32: noSig }, /setup32: boot_info signature at offset 4 is 0x12345678, expected 0x494b5354 \("TSKI"\)/);
  const badVersion = Buffer.from(p.setup32);
  badVersion.writeUInt32LE(3, 8);
  refuses({ ...p, setup32: badVersion }, /boot_info version is 3, expected 2/);
  const shortJump = Buffer.from(p.setup32);
  shortJump[1] = 0x10;
  refuses({ ...p, setup32: shortJump }, /the jump at offset 0 lands at 0x12, inside boot_info/);
});

test("refuses a kernel that is not an i386 ET_EXEC ELF32", async () => {
  const p = await parts();
  refuses({ ...p, kernel: Buffer.from("#!/bin/sh\necho not an ELF, padding padding padding padding\n") }, /kernel ELF: not an ELF file/);
  const elf64 = Buffer.from(p.kernel);
  elf64[4] = 2;
  refuses({ ...p, kernel: elf64 }, /kernel ELF: not ELF32 \(EI_CLASS = 2/);
  const amd64 = Buffer.from(p.kernel);
  amd64.writeUInt16LE(62, 18);
  refuses({ ...p, kernel: amd64 }, /kernel ELF: e_machine is x86-64 \(62\), expected i386 \(3\)/);
  const dyn = Buffer.from(p.kernel);
  dyn.writeUInt16LE(3, 16);
  refuses({ ...p, kernel: dyn }, /kernel ELF: e_type is ET_DYN, expected ET_EXEC/);
  refuses({ ...p, kernel: p.kernel.subarray(0, 0x1010) }, /kernel ELF: .* runs past the end of the file .*truncated\?/);
});

test("refuses a kernel that cannot run in place at kernel_start", async () => {
  const p = await parts();
  const data = 1; // fixture kernel: segment 0 text (offset 0), segment 1 data (offset 0x1000)
  const moved = patchSegment(p.kernel, data, "vaddr", segField(p.kernel, data, "vaddr") + 0x1000);
  refuses({ ...p, kernel: patchSegment(moved, data, "paddr", segField(moved, data, "vaddr")) },
    /kernel ELF: segment 1: p_vaddr is 0x00103000, expected 0x00102000 \(kernel_start 0x00101000 \+ p_offset 0x00001000\)/);
  refuses({ ...p, kernel: patchSegment(p.kernel, data, "paddr", 0x500000) }, /segment 1: p_paddr is 0x00500000, expected 0x00102000/);
  refuses({ ...p, kernel: patchSegment(p.kernel, data, "memsz", 0x8000) },
    /segment 1: memory ends at 0x0010a000, past the kernel part's end 0x00103000: \.bss would overwrite the process manager/);
  const entry = Buffer.from(p.kernel);
  entry.writeUInt32LE(0x102010, 24);
  refuses({ ...p, kernel: entry }, /entry point 0x00102010 is not inside an executable PT_LOAD segment/);

  // A kernel linked the ordinary way (not in place) is refused too.
  const f = await bootFixtures();
  const usual = path.join(f.dir, "kernel-usual.elf");
  await exec("ld", ["-m", "elf_i386", "-z", "noexecstack", "-Ttext-segment=0x200000", "-e", "_start", path.join(f.dir, "kernel.o"), "-o", usual]);
  refuses({ ...p, kernel: await readFile(usual) }, /kernel ELF: segment \d+: p_vaddr is 0x002.*the kernel runs in place/);
});

test("refuses overlapping, misaligned, page-sharing or kernel-space procmgr segments", async () => {
  const p = await parts();
  // fixture procmgr: segments 0 (R, headers), 1 (R-X text), 2 (RW- data), a page apart.
  const v1 = segField(p.procmgr, 1, "vaddr");
  refuses({ ...p, procmgr: patchSegment(patchSegment(p.procmgr, 2, "vaddr", v1), 2, "paddr", v1) }, /procmgr ELF: segments 1 .* and 2 .* overlap/);
  refuses({ ...p, procmgr: patchSegment(p.procmgr, 2, "vaddr", segField(p.procmgr, 2, "vaddr") + 0x10) },
    /procmgr ELF: segment 2 .*: misaligned: p_vaddr mod p_align \(0x00000010\) must equal p_offset mod p_align \(0x00000000\)/);
  refuses({ ...p, procmgr: patchSegment(p.procmgr, 2, "align", 0x3000) }, /p_align 0x00003000 is not a power of two/);
  const shared = patchSegment(patchSegment(p.procmgr, 1, "memsz", 0x1800), 2, "align", 0x10);
  refuses({ ...p, procmgr: patchSegment(shared, 2, "vaddr", v1 + 0x1800 + (segField(p.procmgr, 2, "vaddr") % 0x10)) },
    /procmgr ELF: segments 1 and 2 share the page 0x0804a000/);
  refuses({ ...p, procmgr: Buffer.concat([p.procmgr, Buffer.alloc(0x08000000)]) }, /image cannot boot: image_top would be 0x0810[0-9a-f]{4}, .*kernel_region_top must be below KLIMIT .*KLIMIT is 0x08000000/);
  const low = Buffer.from(p.procmgr);
  for (let i = 0; i < 3; i++) {
    low.writeUInt32LE(segField(p.procmgr, i, "vaddr") - 0x07c48000, phdr(low, i) + PH.vaddr);
  }
  low.writeUInt32LE(low.readUInt32LE(24) - 0x07c48000, 24);
  refuses({ ...p, procmgr: low }, /procmgr ELF: segment 0 at 0x00400000 is below KLIMIT 0x08000000: the process manager runs in user space/);
});
