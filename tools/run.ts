// `tsuki run`: boots an image headless and turns how the guest ended into an
// exit status. The serial console streams to stdout; the one-line verdict
// goes to stderr so stdout stays exactly what the guest printed.

import path from "node:path";
import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { panicAddresses, symbolFilesFor, symbolize, userFaultAddresses, userSymbolFilesFor } from "./symbolize.js";
import { BOOT_MODES, EXIT_STATUS, boot, commandLineProblem, initrdAddrMaxOf, initrdProblem, type BootMode } from "./qemu.js";

export { boot, BOOT_MODES, EXIT_STATUS, type BootMode, type BootOptions, type BootResult, type Outcome } from "./qemu.js";

const HELP = `usage: tsuki run [IMAGE] [--boot qemu|grub|grub16] [--memory MB] [--append CMDLINE]
                 [--initrd FILE] [--machine pc|q35] [--cpu MODEL] [--smp N]
                 [--timeout S] [--qemu-arg ARG]...

Boots IMAGE (default build/tsuki.img) headless in QEMU (i386, TCG) with the
serial console on stdout and an isa-debug-exit device at port 0xf4.

  --boot MODE      qemu    QEMU -kernel: runs the 16-bit setup (default)
                   grub    GRUB 'linux' from an ISO: 32-bit entry, no setup16
                   grub16  GRUB 'linux16' from an ISO: runs the 16-bit setup
  --memory MB      guest RAM in MiB (default 128)
  --append CMDLINE kernel command line (GRUB prepends BOOT_IMAGE=...); refused
                   if the loader would cut it: GRUB passes at most 255 bytes
                   in all, setup32 keeps at most 2047
  --initrd FILE    load FILE as the initrd (ramdisk_image/ramdisk_size);
                   refused if QEMU would load it below 1 MiB (too little RAM).
                   Default: initrd.cpio next to IMAGE (the user programs
                   \`tsuki build\` archives), when there is one; --initrd none
                   boots without
  --machine M      QEMU machine: pc (default, i440FX) or q35
  --cpu MODEL      QEMU CPU model (default qemu32); below i586 (e.g. 486) the
                   image refuses to boot with one line naming what is missing
  --smp N          number of CPUs (default 1; the kernel uses the first)
  --timeout S      seconds before QEMU is killed (default 30)
  --qemu-arg ARG   extra QEMU argument, repeatable (e.g. --qemu-arg=-s)

After a panic, stderr also lists the report's code addresses (eip and the
stack trace) as TypeScript file:line and function, from the build's debug
ELFs next to IMAGE (addr2line).

Exit status and the line printed on stderr:
  0  poweroff  the guest wrote 0x10 to port 0xf4 (QEMU status 33)
  1  panic     the guest wrote 0x11 (QEMU status 35), or printed PANIC: and
               then hung or reset
  3  reset     reset or triple fault (QEMU exits 0 under -no-reboot)
  4  timeout   no power-off within the timeout
  5  error     QEMU or GRUB failed (GRUB printed an error: line, or the
               initrd asked for did not reach the kernel), or an unknown
               debug-exit value
  2            usage error`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        boot: { type: "string", default: "qemu" },
        memory: { type: "string", default: "128" },
        append: { type: "string", default: "" },
        initrd: { type: "string", default: "" },
        machine: { type: "string", default: "pc" },
        cpu: { type: "string", default: "" },
        smp: { type: "string", default: "1" },
        timeout: { type: "string", default: "30" },
        "qemu-arg": { type: "string", multiple: true, default: [] },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`tsuki run: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  const usage = (msg: string) => {
    console.error(`tsuki run: ${msg} (see tsuki run --help)`);
    return 2;
  };
  if (parsed.positionals.length > 1) return usage(`expected at most one IMAGE, got ${parsed.positionals.length}`);
  const image = parsed.positionals[0] ?? "build/tsuki.img";
  if (!existsSync(image)) return usage(`${image}: no such file${parsed.positionals.length === 0 ? " (build it with `npm run build`)" : ""}`);
  if (!(BOOT_MODES as readonly string[]).includes(v.boot!)) return usage(`--boot ${v.boot}: expected one of ${BOOT_MODES.join(", ")}`);
  const memoryMB = Number(v.memory);
  if (!Number.isInteger(memoryMB) || memoryMB < 2 || memoryMB > 3584) return usage(`--memory ${v.memory}: expected a whole number of MiB from 2 to 3584`);
  // The build's archive of user programs goes with its image, unless told otherwise.
  const beside = path.join(path.dirname(image), "initrd.cpio");
  if (v.initrd === "") v.initrd = existsSync(beside) ? beside : "";
  else if (v.initrd === "none") v.initrd = "";
  if (v.initrd !== "" && !existsSync(v.initrd!)) return usage(`--initrd ${v.initrd}: no such file`);
  const cmdlineProblem = commandLineProblem(v.boot as BootMode, v.append!);
  if (cmdlineProblem !== undefined) return usage(`--append: ${cmdlineProblem}`);
  if (v.machine !== "pc" && v.machine !== "q35") return usage(`--machine ${v.machine}: expected pc or q35`);
  const smp = Number(v.smp);
  if (!Number.isInteger(smp) || smp < 1 || smp > 16) return usage(`--smp ${v.smp}: expected a whole number of CPUs from 1 to 16`);
  const timeoutSec = Number(v.timeout);
  if (!(timeoutSec > 0)) return usage(`--timeout ${v.timeout}: expected a positive number of seconds`);

  if (v.boot === "qemu" && v.initrd !== "") {
    const rd = initrdProblem(v.machine as "pc" | "q35", memoryMB, initrdAddrMaxOf(image), statSync(v.initrd!).size);
    if (rd !== undefined) return usage(`--initrd: ${rd}`);
  }

  let result;
  try {
    result = await boot({
      image,
      boot: v.boot as BootMode,
      memoryMB,
      append: v.append!,
      initrd: v.initrd!,
      machine: v.machine,
      cpu: v.cpu!,
      smp,
      timeoutSec,
      qemuArgs: v["qemu-arg"]!,
      onSerial: (text) => process.stdout.write(text),
    });
  } catch (e) {
    console.error(`tsuki run: error: ${(e as Error).message}`);
    return EXIT_STATUS.error;
  }
  if (result.serial !== "" && !result.serial.endsWith("\n")) process.stdout.write("\n");
  if (result.outcome === "panic") {
    // Where it happened, in TypeScript: eip and the stack trace through the line tables.
    const places = symbolize(panicAddresses(result.serial), symbolFilesFor(image));
    if (places.length > 0) console.error(`tsuki run: the panic's code addresses:\n${places.map((p) => `  ${p}`).join("\n")}`);
  }
  for (const report of userFaultAddresses(result.serial)) {
    const places = symbolize(report, userSymbolFilesFor(image));
    if (places.length > 0) console.error(`tsuki run: a user fault's code addresses (procmgr):\n${places.map((p) => `  ${p}`).join("\n")}`);
  }
  console.error(`tsuki run: ${result.outcome}: ${result.message}`);
  return EXIT_STATUS[result.outcome];
}
