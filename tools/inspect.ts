// `tsuki inspect IMAGE [--json]`: describes a boot image and checks that its
// parts agree with each other. `analyse` finds the parts from the header and
// boot_info, and collects every inconsistency as a message that names the
// field, its value and the expected value; it stops early only when the rest
// cannot be located at all (truncated header, no setup32).

import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  BOOT_INFO_FIELDS, BOOT_INFO_OFFSET, BOOT_INFO_SIGNATURE, HEADER_END, HEADER_FIELDS, IMAGE_START, KERNEL_START,
  MAX_SETUP_SECTS, PAGE, SECTOR, SETUP32_SIZE, bi, hdr, hex, readField, roundUp,
} from "./bootproto.js";
import { flagString, loadSegments, type Elf } from "./elf.js";
import { checkInitrdAddrMax, checkSetupHeader } from "./header.js";
import { bootAreaOf, kernelEntryProblem, layoutProblem, procmgrProblem } from "./kernelrules.js";
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

/** The kernel's memory as linked, __kernel_start to __kernel_end: the span of its PT_LOAD segments. */
function linkRange(elf: Elf): { start: number; end: number } | undefined {
  const segs = loadSegments(elf);
  if (segs.length === 0) return undefined;
  return { start: Math.min(...segs.map((s) => s.vaddr)), end: Math.max(...segs.map((s) => s.vaddr + s.memsz)) };
}

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

  const version = h("version");
  r.protocol = `${version >> 8}.${(version & 0xff).toString().padStart(2, "0")}`;
  // Real-mode part size: loaders read setup_sects = 0 as 4.
  const setupSects = h("setup_sects") === 0 ? 4 : h("setup_sects");
  const rmSize = SECTOR * (1 + setupSects);
  const header = checkSetupHeader(buf, rmSize);
  header.problems.forEach(err);
  r.kernelVersion = header.kernelVersion;

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
  let kernelLink: { start: number; end: number } | undefined;
  if (!isElfAt(buf, kOff)) err(`kernel ELF: no ELF magic at file offset ${hex(kOff)} (kernel_start ${hex(KERNEL_START)})`);
  else {
    // Parsed against the rest of the file, so a too-small kernel_size is reported as such.
    const k = parseElfPart(buf.subarray(kOff), "kernel ELF");
    k.problems.forEach(err);
    if (k.elf !== undefined) {
      r.kernel = summarise(k.elf);
      checkKernelElf(k.elf, kSpan).forEach(err);
      if (k.elf.extent > kSize) err(`boot_info.kernel_size = ${hex(kSize)} is smaller than the kernel ELF, which extends to ${hex(k.elf.extent)}`);
      kernelLink = linkRange(k.elf);
    }
  }
  // setup32 calls the kernel where boot_info says it is.
  const kAt = pm + (b("kernel_start") - IMAGE_START);
  const entryProblem = kernelEntryProblem(b("kernel_start"), kSize, kAt >= 0 && kAt < buf.length ? buf.subarray(kAt) : Buffer.alloc(0));
  if (entryProblem !== undefined) err(`kernel ELF: setup32 refuses it at every boot: ${entryProblem}`);
  if (KERNEL_START + kSize > fileEnd) err(`boot_info.kernel_size = ${hex(kSize)} runs past the end of the file (kernel part can be at most ${hex(fileEnd - KERNEL_START)} bytes): truncated image?`);

  // The process manager ELF: next page after the kernel, to the end of the file.
  const wantProc = KERNEL_START + kSpan;
  expect("proc_start", wantProc, "kernel_start + kernel_size rounded up to a page");
  const pStart = b("proc_start");
  const pOff = pm + (pStart - IMAGE_START);
  const wantProcSize = fileEnd - pStart;
  if (pStart >= KERNEL_START && pStart < fileEnd) {
    expect("proc_size", wantProcSize, "from proc_start to the end of the file");
    // The kernel's own check, on the bytes it will see, whatever the tools' parser made of them.
    const kernelSays = procmgrProblem(buf.subarray(pOff, Math.min(buf.length, pOff + b("proc_size"))));
    if (kernelSays !== undefined) err(`procmgr ELF: the kernel refuses it at every boot: ${kernelSays}`);
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

  // The kernel's layout self-check, on boot_info as written, at its best boot.
  const said = layoutProblem({
    imageStart: b("image_start"), imageTop: b("image_top"), kernelStart: b("kernel_start"), kernelSize: kSize, procStart: pStart, procSize: b("proc_size"),
    kernelLinkStart: kernelLink?.start ?? KERNEL_START, kernelLinkEnd: kernelLink?.end ?? KERNEL_START,
  });
  if (said !== undefined) err(`boot_info: the kernel's layout self-check fails at every boot: ${said}`);
  const area = bootAreaOf(b("image_top"));
  if (area.kernelRegionTop !== undefined) checkInitrdAddrMax(buf, area.kernelRegionTop).forEach(err);

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
