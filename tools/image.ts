// `tsuki image`: lays the five parts out as one Linux/x86 boot protocol 2.04
// image and patches what depends on their sizes.
//
//   file offset                         loaded at
//   0                boot sector        X:0000 (real-mode segment X)
//   0x200            setup16            X:0200, padded to whole sectors
//   (1+setup_sects)*512  setup32        0x100000 = image_start, padded to 4096
//   ... + 0x1000     kernel ELF         0x101000 = kernel_start, padded to 4096
//   ... + span       procmgr ELF        proc_start (page aligned)
//
// The image is checked before anything is written: a bad part is refused
// with one message naming the part and the problem, and the result must pass
// `tsuki inspect`'s checks.

import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  BOOT_FLAG, BOOT_INFO_OFFSET, IMAGE_START, LOADER_FIELDS, LOADER_LOADFLAGS, SECTOR, SETUP32_SIZE, bi, hdr, hex, readField,
  writeField,
} from "./bootproto.js";
import { checkInitrdAddrMax, checkSetupHeader } from "./header.js";
import { bootAreaOf, kernelEntryProblem, layoutProblem, procmgrProblem } from "./kernelrules.js";
import { checkKernelElf, checkProcElf, checkSetup16, checkSetup32, parseElfPart, pmLayout, type PmLayout } from "./parts.js";
import { analyse } from "./inspect.js";
import { loadSegments } from "./elf.js";

export class ImageError extends Error {}

export interface ImageParts {
  boot: Buffer;
  setup16: Buffer;
  setup32: Buffer;
  kernel: Buffer;
  procmgr: Buffer;
}

export interface BuiltImage {
  image: Buffer;
  setupSects: number;
  syssize: number;
  layout: PmLayout;
}

const HELP = `usage: tsuki image --boot FILE --setup16 FILE --setup32 FILE --kernel FILE --procmgr FILE -o IMAGE

Assembles a Linux/x86 boot protocol 2.04 image from its parts, in this order:
  --boot FILE      boot sector: exactly 512 bytes, header's first half, 0xAA55
  --setup16 FILE   16-bit setup: header's second half ("HdrS") then code;
                   padded to 512-byte sectors (at most 64)
  --setup32 FILE   32-bit setup, flat binary of at most 4096 bytes loaded at
                   0x100000, starting with a short jump over boot_info ("TSKI")
  --kernel FILE    microkernel ELF32 i386 ET_EXEC, linked to run in place at
                   0x101000 (every segment's address = 0x101000 + file offset)
  --procmgr FILE   process manager ELF32 i386 ET_EXEC, linked above KLIMIT
                   (0x08000000); placed at the next page after the kernel
  -o, --output IMAGE  where to write the image

It patches setup_sects and syssize in the header and image_start, image_top,
kernel_start, kernel_size, proc_start and proc_size in setup32's boot_info,
and writes 0 into the header fields and loadflags bits that the boot loader
fills (type_of_loader, ramdisk_image/size, heap_end_ptr, ext_loader_*,
cmd_line_ptr; QUIET_FLAG, KEEP_SEGMENTS, CAN_USE_HEAP). Bad input is refused
with a message naming the part and the problem, including anything the
kernel or setup32 would refuse at every boot (they share the rules).`;

function fail(msg: string): never {
  throw new ImageError(msg);
}

/** Pure function from parts to image bytes; throws ImageError on bad input. */
export function buildImage(parts: ImageParts): BuiltImage {
  const { boot, setup16, setup32, kernel, procmgr } = parts;
  if (boot.length !== SECTOR) fail(`boot sector: ${boot.length} bytes, expected exactly ${SECTOR}`);
  if (boot.readUInt16LE(hdr("boot_flag").offset) !== BOOT_FLAG) {
    fail(`boot sector: boot_flag at 0x1fe is ${hex(boot.readUInt16LE(0x1fe), 4)}, expected 0xaa55`);
  }
  const first = (problems: string[]) => {
    if (problems.length > 0) fail(problems[0]!);
  };
  first(checkSetup16(setup16));
  first(checkSetup32(setup32));

  const setupSects = Math.ceil(setup16.length / SECTOR);
  const rmSize = SECTOR * (1 + setupSects);
  // The setup header as boot.S and setup16 carry it: the loader-owned fields
  // and bits are written as 0 (below); everything else must already be right.
  const realMode = Buffer.concat([boot, setup16]);
  for (const name of LOADER_FIELDS) writeField(realMode, 0, hdr(name), 0);
  writeField(realMode, 0, hdr("loadflags"), readField(realMode, 0, hdr("loadflags")) & ~LOADER_LOADFLAGS);
  writeField(realMode, 0, hdr("setup_sects"), setupSects);
  first(checkSetupHeader(realMode, rmSize).problems.map((m) => `setup16 header: ${m}`));

  const k = parseElfPart(kernel, "kernel ELF");
  first(k.problems);
  const layout = pmLayout(kernel.length, procmgr.length);
  first(checkKernelElf(k.elf!, layout.kernelSpan));
  const p = parseElfPart(procmgr, "procmgr ELF");
  first(p.problems);
  first(checkProcElf(p.elf!));

  // The kernel's and setup32's own rules (tools/kernelrules.ts): what would fail at every boot.
  const entry = kernelEntryProblem(layout.kernelStart, layout.kernelSize, kernel);
  if (entry !== undefined) fail(`kernel ELF: setup32 would refuse it at boot: ${entry}`);
  const proc = procmgrProblem(procmgr);
  if (proc !== undefined) fail(`procmgr ELF: the kernel would refuse it at boot: ${proc}`);
  const segs = loadSegments(k.elf!);
  const said = layoutProblem({
    imageStart: IMAGE_START, imageTop: layout.imageTop, kernelStart: layout.kernelStart, kernelSize: layout.kernelSize,
    procStart: layout.procStart, procSize: layout.procSize,
    kernelLinkStart: Math.min(...segs.map((x) => x.vaddr)), kernelLinkEnd: Math.max(...segs.map((x) => x.vaddr + x.memsz)),
  });
  if (said !== undefined) fail(`image cannot boot: image_top would be ${hex(layout.imageTop)}, and the kernel's layout self-check fails: ${said}`);
  const area = bootAreaOf(layout.imageTop);
  first(checkInitrdAddrMax(realMode, area.kernelRegionTop!).map((m) => `setup16 header: ${m}`));

  const pmSize = layout.procStart + procmgr.length - IMAGE_START;
  const image = Buffer.alloc(rmSize + pmSize); // zero padding everywhere
  realMode.copy(image, 0);
  setup32.copy(image, rmSize);
  kernel.copy(image, rmSize + SETUP32_SIZE);
  procmgr.copy(image, rmSize + layout.procStart - IMAGE_START);

  const syssize = Math.ceil(pmSize / 16);
  writeField(image, 0, hdr("setup_sects"), setupSects);
  writeField(image, 0, hdr("syssize"), syssize);
  const info = rmSize + BOOT_INFO_OFFSET;
  writeField(image, info, bi("image_start"), IMAGE_START);
  writeField(image, info, bi("image_top"), layout.imageTop);
  writeField(image, info, bi("kernel_start"), layout.kernelStart);
  writeField(image, info, bi("kernel_size"), layout.kernelSize);
  writeField(image, info, bi("proc_start"), layout.procStart);
  writeField(image, info, bi("proc_size"), layout.procSize);

  // Whatever passes here must also pass `tsuki inspect`: one set of rules. A
  // failure here is a bug in this tool (each rule was checked above), so it says so.
  const report = analyse(image);
  if (report.errors.length > 0) fail(`internal error in tsuki image (please report it): the assembled image fails inspection: ${report.errors[0]}`);
  return { image, setupSects, syssize, layout };
}

async function readPart(flag: string, path: string | undefined): Promise<Buffer> {
  if (path === undefined) fail(`missing --${flag} FILE (see tsuki image --help)`);
  try {
    return await readFile(path);
  } catch (e) {
    fail(`--${flag} ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        boot: { type: "string" },
        setup16: { type: "string" },
        setup32: { type: "string" },
        kernel: { type: "string" },
        procmgr: { type: "string" },
        output: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`tsuki image: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  try {
    if (values.output === undefined) fail("missing -o IMAGE (see tsuki image --help)");
    const parts: ImageParts = {
      boot: await readPart("boot", values.boot),
      setup16: await readPart("setup16", values.setup16),
      setup32: await readPart("setup32", values.setup32),
      kernel: await readPart("kernel", values.kernel),
      procmgr: await readPart("procmgr", values.procmgr),
    };
    const built = buildImage(parts);
    await writeFile(values.output, built.image);
    const l = built.layout;
    console.log(
      `tsuki image: ${values.output}: ${built.image.length} bytes, setup_sects=${built.setupSects}, ` +
        `kernel ${hex(l.kernelStart)}+${hex(l.kernelSize)}, procmgr ${hex(l.procStart)}+${hex(l.procSize)}, image_top ${hex(l.imageTop)}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ImageError) {
      console.error(`tsuki image: error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
