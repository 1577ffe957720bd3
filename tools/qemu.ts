// Boots an image headless in QEMU (i386, TCG) and says how the guest ended.
//
// Three boot paths: `qemu` (QEMU's own -kernel loader, which runs our 16-bit
// setup), `grub` (GRUB's `linux`, 32-bit entry: setup16 is skipped) and
// `grub16` (GRUB's `linux16`, which runs setup16). GRUB boots go through an
// ISO made by grub-mkrescue in a temporary directory. A fourth, `v86`, boots
// in the v86 emulator inside Node instead of QEMU: tools/v86.ts.
//
// The guest reports its end through isa-debug-exit (port 0xf4): QEMU exits
// with (value << 1) | 1, so 0x10 -> 33 is a clean power-off and 0x11 -> 35 a
// panic. Under -no-reboot a reset or triple fault makes QEMU exit 0.

import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AnsiStripper, commandLineProblem, makeGrubIso } from "./grub.js";
import { classify } from "./verdict.js";
import { bootV86 } from "./v86.js";

export { AnsiStripper, GRUB_CMDLINE_MAX, SETUP32_CMDLINE_MAX, commandLineProblem, grubCommandLine, makeGrubIso } from "./grub.js";

export type BootMode = "qemu" | "grub" | "grub16" | "v86";
export const BOOT_MODES: readonly BootMode[] = ["qemu", "grub", "grub16", "v86"];

/** How the guest ended ("interrupted": stopped by the caller, e.g. on Ctrl-C). */
export type Outcome = "poweroff" | "panic" | "reset" | "timeout" | "error" | "interrupted";

/** `tsuki run`'s exit status for each outcome (2 is its usage error; 130 = 128 + SIGINT, as a shell says). */
export const EXIT_STATUS: Record<Outcome, number> = { poweroff: 0, panic: 1, reset: 3, timeout: 4, error: 5, interrupted: 130 };

export interface BootOptions {
  image: string;
  boot?: BootMode; // default "qemu"
  memoryMB?: number; // default 128
  machine?: "pc" | "q35"; // default "pc"
  cpu?: string; // QEMU -cpu model, e.g. "pentium" or "qemu32,-pse,-pge" (default: QEMU's own, qemu32)
  smp?: number; // CPUs (default 1)
  append?: string; // kernel command line (cmd_line_ptr)
  initrd?: string; // file the loader puts in memory as the initrd (ramdisk_image/size)
  timeoutSec?: number; // default 30; 0: no timeout
  gui?: boolean; // QEMU's window with the VGA console (default: no display)
  qemuArgs?: string[]; // extra QEMU arguments, e.g. ["-icount", "shift=0,sleep=off"]
  onSerial?: (text: string) => void; // serial output as it arrives (GRUB's ANSI escapes removed)
  /**
   * Serial into a file read when QEMU exits, instead of a pipe: a file never
   * pushes back, so the guest's UART never waits on the host and a count
   * under -icount cannot depend on how fast Node reads (the bench). No
   * onSerial then, and no stop at a GRUB error line.
   */
  serialToFile?: boolean;
  gdbPort?: number; // QEMU starts halted, its gdb stub listening on 127.0.0.1:gdbPort
  signal?: AbortSignal; // aborting it kills QEMU: the outcome is "interrupted"
  onStart?: (pid: number) => void; // QEMU's process id, once it runs
  iso?: string; // boot this ISO (tsuki iso) from the CD instead of one made for the boot (boot must be grub or grub16)
}

export interface BootResult {
  outcome: Outcome;
  status: number; // EXIT_STATUS[outcome]
  qemuStatus: number | null; // QEMU's exit status (null if killed)
  serial: string; // the whole serial output
  seconds: number; // wall time from QEMU start to exit
  message: string; // one line saying how it ended
}

export const DEBUG_EXIT_DEVICE = "isa-debug-exit,iobase=0xf4,iosize=0x04";
export { PANIC_STATUS, POWEROFF_STATUS, loaderProblem } from "./verdict.js";

/** RAM QEMU keeps below 4 GiB, and what it reserves at its top for ACPI tables (measured, QEMU 7.2). */
const lowMemory = (machine: "pc" | "q35", memoryMB: number) => Math.min(memoryMB * 0x100000, machine === "q35" ? 0x80000000 : 0xc0000000);
const QEMU_ACPI_RESERVE = 0x20000;

/**
 * Where QEMU -kernel will load an initrd of `size` bytes: as high as it fits
 * below initrd_addr_max and the top of low RAM less 128 KiB, page aligned
 * (measured: -m 5 with 0x3d8000 bytes lands at 0x108000). Below 1 MiB it
 * lands on the BIOS and the option ROM that loads the kernel: the guest then
 * dies before any code of ours runs (-m 4 with 3.7 MB), so `tsuki run`
 * refuses it. (An initrd over the image itself, above 1 MiB, setup16 sees
 * and reports.)
 */
export function initrdProblem(machine: "pc" | "q35", memoryMB: number, initrdAddrMax: number, size: number): string | undefined {
  const top = Math.min(initrdAddrMax + 1, lowMemory(machine, memoryMB) - QEMU_ACPI_RESERVE);
  const start = Math.floor((top - size) / 0x1000) * 0x1000;
  if (size === 0 || start >= 0x100000) return undefined;
  const where = start < 0 ? "nowhere: it is larger than the RAM below initrd_addr_max" : `at 0x${start.toString(16).padStart(8, "0")}, below 1 MiB, over the BIOS and the loader's own code (the guest would hang before the kernel's setup runs)`;
  return `QEMU would load the ${size}-byte initrd ${where}; give the machine more --memory (at least ${Math.ceil((size + 0x100000 + QEMU_ACPI_RESERVE + 0x100000) / 0x100000)} MB) or use a smaller initrd`;
}

type Resolved = Required<Omit<BootOptions, "onSerial" | "serialToFile" | "gdbPort" | "signal" | "onStart" | "iso">> & Pick<BootOptions, "onSerial" | "gdbPort" | "signal" | "onStart" | "iso"> & { serialFile?: string };

export function qemuCommand(o: Resolved, iso?: string): string[] {
  const args = [
    "-machine", o.machine, "-accel", "tcg", "-m", String(o.memoryMB), "-smp", String(o.smp),
    ...(o.cpu !== "" ? ["-cpu", o.cpu] : []),
    ...(o.gui ? [] : ["-display", "none"]), "-serial", o.serialFile !== undefined ? `file:${o.serialFile}` : "stdio", "-monitor", "none", "-parallel", "none",
    "-no-reboot", "-device", DEBUG_EXIT_DEVICE,
    // -S: halted before the first instruction, until gdb says continue.
    ...(o.gdbPort !== undefined ? ["-S", "-gdb", `tcp:127.0.0.1:${o.gdbPort}`] : []),
  ];
  if (iso !== undefined) args.push("-cdrom", iso, "-boot", "d");
  else {
    args.push("-kernel", o.image);
    if (o.append !== "") args.push("-append", o.append);
    if (o.initrd !== "") args.push("-initrd", o.initrd);
  }
  return [...args, ...o.qemuArgs];
}

/** The image's initrd_addr_max (0x22c in the setup header). */
export function initrdAddrMaxOf(image: string): number {
  const fd = openSync(image, "r");
  try {
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 0x22c) === 4 ? b.readUInt32LE(0) : 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * Boots the image once. Guest behaviour and a missing QEMU become an outcome;
 * it throws only when the boot cannot be set up: a command line the loader
 * would cut (commandLineProblem), an initrd QEMU would load over its own BIOS
 * (initrdProblem), or grub-mkrescue failing.
 */
export async function boot(opts: BootOptions): Promise<BootResult> {
  const o: Resolved = {
    image: opts.image,
    boot: opts.boot ?? "qemu",
    memoryMB: opts.memoryMB ?? 128,
    machine: opts.machine ?? "pc",
    cpu: opts.cpu ?? "",
    smp: opts.smp ?? 1,
    append: opts.append ?? "",
    initrd: opts.initrd ?? "",
    timeoutSec: opts.timeoutSec ?? 30,
    gui: opts.gui ?? false,
    qemuArgs: opts.qemuArgs ?? [],
    onSerial: opts.onSerial,
    gdbPort: opts.gdbPort,
    signal: opts.signal,
    onStart: opts.onStart,
    iso: opts.iso,
  };
  if (o.boot === "v86") return bootV86(opts);
  const problem = commandLineProblem(o.boot, o.append);
  if (problem !== undefined) throw new Error(`--append: ${problem}`);
  const rd = o.boot === "qemu" && o.initrd !== "" ? initrdProblem(o.machine, o.memoryMB, initrdAddrMaxOf(o.image), statSync(o.initrd).size) : undefined;
  if (rd !== undefined) throw new Error(`--initrd: ${rd}`);
  let tmp: string | undefined;
  try {
    let iso = o.iso;
    if (iso !== undefined && o.boot === "qemu") throw new Error("an ISO boots through GRUB: boot must be grub or grub16");
    if ((o.boot !== "qemu" && iso === undefined) || opts.serialToFile) tmp = await mkdtemp(path.join(os.tmpdir(), "tsuki-boot-"));
    if (opts.serialToFile) o.serialFile = path.join(tmp!, "serial.txt");
    if (o.boot !== "qemu" && iso === undefined) iso = await makeGrubIso(tmp!, o.image, o.boot, o.append, o.initrd);
    return await runQemu(o, qemuCommand(o, iso));
  } finally {
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  }
}

/** What the guest wrote to the serial file (nothing if QEMU never made it). */
function readSerialFile(file: string, strip: AnsiStripper | undefined): string {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  return strip ? strip.push(text) : text;
}

function runQemu(o: Resolved, args: string[]): Promise<BootResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    // stdin is /dev/null: -serial stdio would otherwise feed keystrokes to GRUB.
    // With a gdb stub, the terminal's Ctrl-C is gdb's (it stops the guest): QEMU gets its own process group.
    const child = spawn("qemu-system-i386", args, { stdio: ["ignore", "pipe", "pipe"], detached: o.gdbPort !== undefined });
    if (child.pid !== undefined) o.onStart?.(child.pid);
    const strip = o.boot === "qemu" ? undefined : new AnsiStripper();
    let serial = "";
    let stderr = "";
    let timedOut = false;
    let aborted = false;
    let stopped = false;
    let done = false;
    const emit = (text: string) => {
      if (text === "") return;
      serial += text;
      o.onSerial?.(text);
      // GRUB waits for a key after an error, then boots without what failed: stop there.
      if (o.boot !== "qemu" && !stopped && /^error: .*\n/m.test(serial)) {
        stopped = true;
        child.kill("SIGKILL");
      }
    };
    child.stdout.setEncoding("utf8"); // decodes characters split across chunks
    child.stdout.on("data", (d: string) => emit(strip ? strip.push(d) : d));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => (stderr += d));
    const timer = o.timeoutSec > 0 ? setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, o.timeoutSec * 1000) : undefined;
    const abort = () => {
      aborted = true;
      child.kill("SIGKILL");
    };
    if (o.signal?.aborted) abort();
    else o.signal?.addEventListener("abort", abort, { once: true });
    const finish = (code: number | null, spawnError?: Error) => {
      if (done) return; // 'error' may be followed by 'close'
      done = true;
      clearTimeout(timer);
      if (o.serialFile !== undefined) emit(readSerialFile(o.serialFile, strip));
      o.signal?.removeEventListener("abort", abort);
      if (strip) emit(strip.flush());
      const seconds = (performance.now() - started) / 1000;
      if (aborted && !timedOut) {
        resolve({ outcome: "interrupted", status: EXIT_STATUS.interrupted, qemuStatus: code, serial, seconds, message: `stopped before the guest ended, after ${seconds.toFixed(2)} s; QEMU killed` });
        return;
      }
      const initrdSize = o.initrd !== "" ? statSync(o.initrd).size : undefined;
      const { outcome, message } = classify(code, timedOut, serial, stderr, seconds, { ...o, initrdSize }, spawnError);
      resolve({ outcome, status: EXIT_STATUS[outcome], qemuStatus: code, serial, seconds, message });
    };
    child.on("error", (e) => finish(null, e));
    child.on("close", (code) => finish(code));
  });
}

