// `tsuki inspect IMAGE [--json]`: describes a boot image and checks that its
// parts agree with each other. `analyse` finds the parts from the header and
// boot_info, and collects every inconsistency as a message that names the
// field, its value and the expected value; it stops early only when the rest
// cannot be located at all (truncated header, no setup32).

import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  BOOT_FLAG, BOOT_INFO_FIELDS, BOOT_INFO_OFFSET, BOOT_INFO_SIGNATURE, HDRS, HEADER_END, HEADER_FIELDS, IMAGE_START,
  JUMP, KERNEL_START, LOADED_HIGH, MAX_SETUP_SECTS, PAGE, PROTOCOL_VERSION, SECTOR, SETUP32_SIZE, bi, hdr, hex,
  readField, roundUp,
} from "./bootproto.js";
import { flagString, loadSegments, type Elf } from "./elf.js";
import { checkKernelElf, checkProcElf, checkSetup32, parseElfPart } from "./parts.js";

export interface FieldValue {
  name: string;
  offset: number;
  size: number;
  value: number;
  meaning: string;
}

export interface Part {
  name: string;
  fileOffset: number;
  /** Physical load address; the real-mode parts' depends on the loader's segment X. */
  load: string;
  size: number;
}

export interface ElfSummary {
  entry: number;
  segments: { index: number; offset: number; vaddr: number; paddr: number; filesz: number; memsz: number; flags: string; align: number }[];
}

export interface Report {
  size: number;
  protocol?: string;
  kernelVersion?: string;
  header: FieldValue[];
  parts: Part[];
  bootInfo: (FieldValue & { image: boolean })[];
  kernel?: ElfSummary;
  procmgr?: ElfSummary;
  errors: string[];
}

const summarise = (elf: Elf): ElfSummary => ({
  entry: elf.header.entry,
  segments: loadSegments(elf).map((s) => ({
    index: s.index, offset: s.offset, vaddr: s.vaddr, paddr: s.paddr, filesz: s.filesz, memsz: s.memsz, flags: flagString(s.flags), align: s.align,
  })),
});

const isElfAt = (buf: Buffer, off: number) => off + 4 <= buf.length && buf.readUInt32BE(off) === 0x7f454c46;

/** Every check `tsuki inspect` makes; `tsuki image` runs it on its own output too. */
export function analyse(buf: Buffer): Report {
  const r: Report = { size: buf.length, header: [], parts: [], bootInfo: [], errors: [] };
  const err = (m: string) => r.errors.push(m);
  if (buf.length < HEADER_END) {
    err(`truncated: the image is ${buf.length} bytes, but the setup header alone ends at ${hex(HEADER_END, 3)}`);
    return r;
  }
  r.header = HEADER_FIELDS.map((f) => ({ ...f, value: readField(buf, 0, f) }));
  const h = (name: string) => readField(buf, 0, hdr(name));

  // The magic numbers and version every loader checks first.
  if (h("boot_flag") !== BOOT_FLAG) err(`boot_flag = ${hex(h("boot_flag"), 4)}, expected 0xaa55`);
  if (h("header") !== HDRS) err(`header = ${hex(h("header"))} (${JSON.stringify(buf.toString("latin1", 0x202, 0x206))}), expected 0x53726448 ("HdrS")`);
  const version = h("version");
  r.protocol = `${version >> 8}.${(version & 0xff).toString().padStart(2, "0")}`;
  if (version !== PROTOCOL_VERSION) err(`version = ${hex(version, 4)}, expected 0x0204`);
  if (h("jump") !== JUMP) err(`jump = ${buf.subarray(0x200, 0x202).toString("hex")} at 0x200, expected eb 2e (to the setup entry at 0x230)`);
  if ((h("loadflags") & LOADED_HIGH) === 0) err(`loadflags = ${hex(h("loadflags"), 2)} lacks LOADED_HIGH (0x01): loaders would not put the kernel at 0x100000`);
  if (h("code32_start") !== IMAGE_START) err(`code32_start = ${hex(h("code32_start"))}, expected ${hex(IMAGE_START)}`);

  // Real-mode part size: loaders read setup_sects = 0 as 4.
  const setupSects = h("setup_sects") === 0 ? 4 : h("setup_sects");
  const rmSize = SECTOR * (1 + setupSects);
  if (h("setup_sects") > MAX_SETUP_SECTS) err(`setup_sects = ${h("setup_sects")}, expected at most ${MAX_SETUP_SECTS} (GRUB's limit)`);

  const kv = h("kernel_version");
  const kvAt = 0x200 + kv;
  const kvEnd = kvAt < buf.length ? buf.indexOf(0, kvAt) : -1;
  if (kv === 0 || kvAt >= Math.min(rmSize, buf.length) || kvEnd < 0 || kvEnd >= rmSize) {
    err(`kernel_version = ${hex(kv, 4)} points at ${hex(kvAt, 4)}, expected the offset (minus 0x200) of a NUL-terminated string inside the ${rmSize}-byte real-mode part`);
  } else {
    r.kernelVersion = buf.toString("latin1", kvAt, kvEnd);
  }

  // setup32 must start right after the real-mode part; if it is elsewhere, say where.
  const sigAt = (off: number) => off + BOOT_INFO_OFFSET + 4 <= buf.length && buf.readUInt32LE(off + BOOT_INFO_OFFSET) === BOOT_INFO_SIGNATURE;
  let pm = rmSize;
  if (!sigAt(pm)) {
    let found = -1;
    for (let s = 1; s <= MAX_SETUP_SECTS && found < 0; s++) if (sigAt(SECTOR * (1 + s))) found = s;
    if (buf.length < rmSize + SETUP32_SIZE) {
      err(`truncated: the image is ${buf.length} bytes, but setup_sects = ${setupSects} puts setup32 (4096 bytes) at ${hex(rmSize)}`);
      return r;
    }
    if (found < 0) {
      err(`setup32: no boot_info signature ${hex(BOOT_INFO_SIGNATURE)} ("TSKI") at file offset ${hex(rmSize + BOOT_INFO_OFFSET)} (setup_sects = ${setupSects}) or at any other sector`);
      return r;
    }
    err(`setup_sects = ${h("setup_sects")} does not match the file: expected ${found} (setup32's boot_info signature is at file offset ${hex(SECTOR * (1 + found) + BOOT_INFO_OFFSET)})`);
    pm = SECTOR * (1 + found);
  }
  if (buf.length < pm + SETUP32_SIZE) {
    err(`truncated: the image is ${buf.length} bytes, but setup32 needs ${SETUP32_SIZE} bytes from ${hex(pm)}`);
    return r;
  }
  const pmSize = buf.length - pm;
  const wantSys = Math.ceil(pmSize / 16);
  if (h("syssize") !== wantSys) err(`syssize = ${hex(h("syssize"))} does not match the file: expected ${hex(wantSys)} (protected-mode part is ${pmSize} bytes)`);
  for (const m of checkSetup32(buf.subarray(pm, pm + SETUP32_SIZE))) err(m);

  const info = pm + BOOT_INFO_OFFSET;
  r.bootInfo = BOOT_INFO_FIELDS.map((f) => ({ ...f, value: readField(buf, info, f) }));
  const b = (name: string) => readField(buf, info, bi(name));
  const expect = (name: string, want: number, why: string) => {
    if (b(name) !== want) err(`boot_info.${name} = ${hex(b(name))}, expected ${hex(want)} (${why})`);
  };
  expect("image_start", IMAGE_START, "where loaders put the protected-mode part");
  expect("kernel_start", KERNEL_START, "image_start + one page of setup32");

  // The kernel ELF: at kernel_start, kernel_size bytes.
  const kOff = pm + SETUP32_SIZE;
  const fileEnd = IMAGE_START + pmSize; // physical address one past the last file byte
  const kSize = b("kernel_size");
  const kSpan = roundUp(kSize, PAGE);
  if (!isElfAt(buf, kOff)) err(`kernel ELF: no ELF magic at file offset ${hex(kOff)} (kernel_start ${hex(KERNEL_START)})`);
  else {
    // Parsed against the rest of the file, so a too-small kernel_size is reported as such.
    const k = parseElfPart(buf.subarray(kOff), "kernel ELF");
    k.problems.forEach(err);
    if (k.elf !== undefined) {
      r.kernel = summarise(k.elf);
      checkKernelElf(k.elf, kSpan).forEach(err);
      if (k.elf.extent > kSize) err(`boot_info.kernel_size = ${hex(kSize)} is smaller than the kernel ELF, which extends to ${hex(k.elf.extent)}`);
    }
  }
  if (KERNEL_START + kSize > fileEnd) err(`boot_info.kernel_size = ${hex(kSize)} runs past the end of the file (kernel part can be at most ${hex(fileEnd - KERNEL_START)} bytes): truncated image?`);

  // The process manager ELF: next page after the kernel, to the end of the file.
  const wantProc = KERNEL_START + kSpan;
  expect("proc_start", wantProc, "kernel_start + kernel_size rounded up to a page");
  const pStart = b("proc_start");
  const pOff = pm + (pStart - IMAGE_START);
  const wantProcSize = fileEnd - pStart;
  if (pStart >= KERNEL_START && pStart < fileEnd) {
    expect("proc_size", wantProcSize, "from proc_start to the end of the file");
    if (!isElfAt(buf, pOff)) err(`procmgr ELF: no ELF magic at file offset ${hex(pOff)} (proc_start ${hex(pStart)})`);
    else {
      const p = parseElfPart(buf.subarray(pOff), "procmgr ELF");
      p.problems.forEach(err);
      if (p.elf !== undefined) {
        r.procmgr = summarise(p.elf);
        checkProcElf(p.elf).forEach(err);
        if (p.elf.extent > b("proc_size")) err(`boot_info.proc_size = ${hex(b("proc_size"))} is smaller than the procmgr ELF, which extends to ${hex(p.elf.extent)}`);
      }
    }
  } else {
    err(`procmgr ELF: boot_info.proc_start = ${hex(pStart)} is outside the protected-mode part [${hex(KERNEL_START)}, ${hex(fileEnd)})`);
  }
  expect("image_top", roundUp(pStart + b("proc_size"), PAGE), "proc_start + proc_size rounded up to a page");

  r.parts = [
    { name: "boot sector", fileOffset: 0, load: "X*16 (real-mode segment X)", size: SECTOR },
    { name: "setup16", fileOffset: SECTOR, load: "X*16 + 0x200, entry X+0x20:0000", size: rmSize - SECTOR },
    { name: "setup32", fileOffset: pm, load: hex(IMAGE_START), size: SETUP32_SIZE },
    { name: "kernel ELF", fileOffset: kOff, load: hex(KERNEL_START), size: kSize },
    { name: "procmgr ELF", fileOffset: pOff, load: hex(pStart), size: b("proc_size") },
  ];
  return r;
}

function printText(file: string, r: Report): void {
  const out: string[] = [];
  const w = (s = "") => out.push(s);
  w(`${file}: ${r.size} bytes, Linux/x86 boot protocol ${r.protocol ?? "?"}${r.kernelVersion !== undefined ? `, version "${r.kernelVersion}"` : ""}`);
  if (r.header.length > 0) {
    w("\nsetup header:");
    for (const f of r.header) w(`  ${hex(f.offset, 3)} ${f.name.padEnd(16)} ${hex(f.value, f.size * 2).padEnd(10)}  ${f.meaning}`);
  }
  if (r.parts.length > 0) {
    w("\nparts:");
    w(`  ${"part".padEnd(12)} ${"file offset".padEnd(11)} ${"size".padEnd(10)} loaded at`);
    for (const p of r.parts) w(`  ${p.name.padEnd(12)} ${hex(p.fileOffset).padEnd(11)} ${hex(p.size).padEnd(10)} ${p.load}`);
  }
  for (const [name, e] of [["kernel ELF", r.kernel], ["procmgr ELF", r.procmgr]] as const) {
    if (e === undefined) continue;
    w(`\n${name}: entry ${hex(e.entry)}`);
    w(`  seg offset     vaddr      paddr      filesz     memsz      flags align`);
    for (const s of e.segments) {
      w(`  ${String(s.index).padEnd(3)} ${hex(s.offset)} ${hex(s.vaddr)} ${hex(s.paddr)} ${hex(s.filesz)} ${hex(s.memsz)} ${s.flags}   ${hex(s.align, 1)}`);
    }
  }
  if (r.bootInfo.length > 0) {
    w(`\nboot_info (at ${hex(IMAGE_START + BOOT_INFO_OFFSET)}; * = written by tsuki image, the rest by setup32 at run time):`);
    for (const f of r.bootInfo) w(`  +${hex(f.offset, 2)} ${f.name.padEnd(13)} ${hex(f.value)}${f.image ? " *" : "  "} ${f.meaning}`);
  }
  console.log(out.join("\n"));
}

const HELP = `usage: tsuki inspect IMAGE [--json]

Prints a Tsuki boot image: the boot protocol version, every setup header
field, each part (boot sector, setup16, setup32, kernel ELF, procmgr ELF)
with its file offset, load address and size, each ELF's entry point and
segments, and the boot_info fields stored in the image.

Checks the image's consistency (magic numbers, version, setup_sects and
syssize against the file, boot_info against the parts, the ELF parts) and
exits 1 with one line per problem, naming the field and the expected value.

  --json   print the same report as one JSON object (errors included)`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  } catch (e) {
    console.error(`tsuki inspect: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    console.error(`tsuki inspect: expected one IMAGE\n\n${HELP}`);
    return 2;
  }
  const file = parsed.positionals[0]!;
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    console.error(`tsuki inspect: ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
    return 2;
  }
  const r = analyse(buf);
  if (parsed.values.json) console.log(JSON.stringify({ file, ...r }, null, 2));
  else printText(file, r);
  for (const m of r.errors) console.error(`tsuki inspect: ${file}: error: ${m}`);
  return r.errors.length > 0 ? 1 : 0;
}
