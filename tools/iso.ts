// `tsuki iso`: a bootable GRUB ISO of an image, for a PC, a USB stick or
// VirtualBox: the menu of tools/grub.ts (the one `tsuki run --boot grub`
// boots) with both entries, the initrd beside the image when there is one,
// the serial and VGA terminals, and a short menu timeout.

import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { initrdFor } from "./bootargs.js";
import { commandLineProblem, writeGrubIso, type GrubEntry } from "./grub.js";

const HELP = `usage: tsuki iso [IMAGE] [-o FILE] [--append CMDLINE] [--initrd FILE|none]
                 [--entry linux|linux16] [--timeout S]

Writes a bootable ISO (grub-mkrescue, BIOS; a hybrid image, so it can also
be written to a USB stick) of IMAGE (default build/tsuki.img). GRUB's menu
has two entries, 'linux' (GRUB's 32-bit entry) and 'linux16' (Tsuki's 16-bit
setup), and shows on the screen and on COM1 (115200 8N1) when there is one.

  -o FILE            the ISO (default build/tsuki.iso)
  --append CMDLINE   kernel command line of both entries (e.g. test=all);
                     refused if GRUB would cut it (255 bytes in all)
  --initrd FILE      the initrd of both entries; default: initrd.cpio next
                     to IMAGE (the user programs), when there is one;
                     none: no initrd
  --entry E          the entry booted when the menu times out (default linux)
  --timeout S        seconds the menu waits (default 3; 0: no menu)`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o", default: "build/tsuki.iso" },
        append: { type: "string", default: "" },
        initrd: { type: "string", default: "" },
        entry: { type: "string", default: "linux" },
        timeout: { type: "string", default: "3" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`tsuki iso: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  const usage = (msg: string) => {
    console.error(`tsuki iso: ${msg} (see tsuki iso --help)`);
    return 2;
  };
  if (parsed.positionals.length > 1) return usage(`expected at most one IMAGE, got ${parsed.positionals.length}`);
  const image = parsed.positionals[0] ?? "build/tsuki.img";
  if (!existsSync(image)) return usage(`${image}: no such file${parsed.positionals.length === 0 ? " (build it with `npm run build`)" : ""}`);
  const initrd = initrdFor(image, v.initrd!);
  if (initrd !== "" && !existsSync(initrd)) return usage(`--initrd ${initrd}: no such file`);
  const problem = commandLineProblem("grub", v.append!);
  if (problem !== undefined) return usage(`--append: ${problem}`);
  if (v.entry !== "linux" && v.entry !== "linux16") return usage(`--entry ${v.entry}: expected linux or linux16`);
  const timeoutSec = Number(v.timeout);
  if (!Number.isInteger(timeoutSec) || timeoutSec < 0 || timeoutSec > 600) return usage(`--timeout ${v.timeout}: expected a whole number of seconds from 0 to 600`);
  try {
    await writeGrubIso(image, v.output!, { append: v.append!, initrd, entry: v.entry as GrubEntry, timeoutSec });
  } catch (e) {
    console.error(`tsuki iso: ${(e as Error).message}`);
    return 1;
  }
  const rd = initrd !== "" ? `, initrd ${initrd}` : ", no initrd";
  console.log(`tsuki iso: wrote ${v.output} (${statSync(v.output!).size} bytes): entries linux and linux16 (default ${v.entry}, after ${timeoutSec} s)${rd}`);
  return 0;
}
