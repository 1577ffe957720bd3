// The boot options `tsuki run` and `tsuki debug` share: one option table, one
// help text and one validation, so both commands accept and refuse the same
// command lines (a boot that would lose part of what was asked is refused up
// front with a usage error, exit status 2).

import path from "node:path";
import { existsSync, statSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { BOOT_MODES, commandLineProblem, initrdAddrMaxOf, initrdProblem, type BootMode, type BootOptions } from "./qemu.js";
import { v86InitrdProblem } from "./v86.js";

type OptionTable = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs' table of the shared options; `timeout` defaults per command. */
export function bootOptionTable(timeoutDefault: string): OptionTable {
  return {
    boot: { type: "string", default: "qemu" },
    memory: { type: "string", default: "128" },
    append: { type: "string", default: "" },
    initrd: { type: "string", default: "" },
    machine: { type: "string", default: "pc" },
    cpu: { type: "string", default: "" },
    smp: { type: "string", default: "1" },
    timeout: { type: "string", default: timeoutDefault },
    gui: { type: "boolean" },
    "qemu-arg": { type: "string", multiple: true, default: [] },
    help: { type: "boolean", short: "h" },
  };
}

export const BOOT_OPTIONS_HELP = `  --boot MODE      qemu    QEMU -kernel: runs the 16-bit setup (default)
                   grub    GRUB 'linux' from an ISO: 32-bit entry, no setup16
                   grub16  GRUB 'linux16' from an ISO: runs the 16-bit setup
                   v86     the v86 emulator in Node (SeaBIOS, v86's own loader):
                           no QEMU options; ends on the kernel's power-off line
  --memory MB      guest RAM in MiB (default 128)
  --append CMDLINE kernel command line (GRUB prepends BOOT_IMAGE=...); refused
                   if the loader would cut it: GRUB passes at most 255 bytes
                   in all, setup32 keeps at most 2047, v86 at most 254
  --initrd FILE    load FILE as the initrd (ramdisk_image/ramdisk_size);
                   refused if QEMU would load it below 1 MiB (too little RAM),
                   or under v86 if it does not fit between 64 MiB and the
                   16 MiB SeaBIOS reserves at the top.
                   Default: initrd.cpio next to IMAGE (the user programs
                   \`tsuki build\` archives), when there is one; --initrd none
                   boots without
  --machine M      QEMU machine: pc (default, i440FX) or q35
  --cpu MODEL      QEMU CPU model (default qemu32); below i586 (e.g. 486) the
                   image refuses to boot with one line naming what is missing
  --smp N          number of CPUs (default 1; the kernel uses the first)
  --gui            open QEMU's window with the VGA console (needs a desktop
                   session and Debian's qemu-system-gui); serial stays here
  --qemu-arg ARG   extra QEMU argument, repeatable (e.g. --qemu-arg=-s)`;

export type BootValues = Record<string, string | boolean | string[] | undefined>;

/** The command line parsed: its boot, the values of its own options, or the exit status to return now. */
export type Parsed = { boot: BootOptions; values: BootValues } | { status: number };

export interface CommandSpec {
  command: string; // "run", "debug": for messages
  help: string;
  /** `timeout`'s default; "0" allows no timeout (a debugging session lasts as long as its user wants). */
  timeoutDefault: string;
  /** The command's own options. */
  extra?: OptionTable;
  /** The image when none is named (default build/tsuki.img); may build it first. */
  defaultImage?: (values: BootValues) => Promise<string>;
}

/** Parses `args` with the shared options and the command's, validates the boot and prints the usage error or the help itself. */
export async function parseBootCommand(spec: CommandSpec, args: string[]): Promise<Parsed> {
  const { command, help, timeoutDefault } = spec;
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...bootOptionTable(timeoutDefault), ...spec.extra } });
  } catch (e) {
    console.error(`tsuki ${command}: ${(e as Error).message}\n\n${help}`);
    return { status: 2 };
  }
  const v = parsed.values as BootValues;
  if (v.help) {
    console.log(help);
    return { status: 0 };
  }
  const image = parsed.positionals[0] ?? (spec.defaultImage ? await spec.defaultImage(v) : undefined);
  const problem = bootProblem(parsed.positionals, image, v, timeoutDefault === "0");
  if (typeof problem === "string") {
    console.error(`tsuki ${command}: ${problem} (see tsuki ${command} --help)`);
    return { status: 2 };
  }
  return { boot: problem, values: v };
}

/**
 * The initrd a boot of `image` gets for `--initrd asked`: the build's archive
 * of user programs beside the image when none is named, none for "none".
 */
export function initrdFor(image: string, asked: string): string {
  if (asked === "none") return "";
  if (asked !== "") return asked;
  const beside = path.join(path.dirname(image), "initrd.cpio");
  return existsSync(beside) ? beside : "";
}

/** What is wrong with the boot asked for, in one line, or the boot itself. */
function bootProblem(positionals: string[], named: string | undefined, v: BootValues, timeoutMayBeZero: boolean): string | BootOptions {
  if (positionals.length > 1) return `expected at most one IMAGE, got ${positionals.length}`;
  const image = named ?? "build/tsuki.img";
  if (!existsSync(image)) return `${image}: no such file${positionals.length === 0 ? " (build it with `npm run build`)" : ""}`;
  const mode = v.boot as string;
  if (!(BOOT_MODES as readonly string[]).includes(mode)) return `--boot ${mode}: expected one of ${BOOT_MODES.join(", ")}`;
  const memoryMB = Number(v.memory);
  if (!Number.isInteger(memoryMB) || memoryMB < 2 || memoryMB > 3584) return `--memory ${v.memory}: expected a whole number of MiB from 2 to 3584`;
  const initrd = initrdFor(image, v.initrd as string);
  if (initrd !== "" && !existsSync(initrd)) return `--initrd ${initrd}: no such file`;
  const append = v.append as string;
  const cmdlineProblem = commandLineProblem(mode as BootMode, append);
  if (cmdlineProblem !== undefined) return `--append: ${cmdlineProblem}`;
  const machine = v.machine as string;
  if (machine !== "pc" && machine !== "q35") return `--machine ${machine}: expected pc or q35`;
  const smp = Number(v.smp);
  if (!Number.isInteger(smp) || smp < 1 || smp > 16) return `--smp ${v.smp}: expected a whole number of CPUs from 1 to 16`;
  const timeoutSec = Number(v.timeout);
  if (!(timeoutSec > 0) && !(timeoutMayBeZero && timeoutSec === 0)) return `--timeout ${v.timeout}: expected a positive number of seconds`;
  if (v.gui && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return "--gui: neither DISPLAY nor WAYLAND_DISPLAY is set; QEMU's window needs a desktop session";
  if (mode === "v86") {
    const qemuOnly = v.machine !== "pc" || v.cpu !== "" || smp !== 1 || v.gui === true || (v["qemu-arg"] as string[]).length > 0;
    if (qemuOnly) return "--machine, --cpu, --smp, --gui and --qemu-arg are QEMU options; --boot v86 has one machine (a PC with one Pentium-class CPU)";
    const rd = initrd !== "" ? v86InitrdProblem(memoryMB, statSync(initrd).size) : undefined;
    if (rd !== undefined) return `--initrd: ${rd}`;
  }
  if (mode === "qemu" && initrd !== "") {
    const rd = initrdProblem(machine, memoryMB, initrdAddrMaxOf(image), statSync(initrd).size);
    if (rd !== undefined) return `--initrd: ${rd}`;
  }
  return {
    image, boot: mode as BootMode, memoryMB, append, initrd, machine, cpu: v.cpu as string, smp,
    timeoutSec, gui: v.gui === true, qemuArgs: v["qemu-arg"] as string[],
  };
}
