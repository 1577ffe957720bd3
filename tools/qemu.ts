// Boots an image headless in QEMU (i386, TCG) and says how the guest ended.
//
// Three boot paths: `qemu` (QEMU's own -kernel loader, which runs our 16-bit
// setup), `grub` (GRUB's `linux`, 32-bit entry: setup16 is skipped) and
// `grub16` (GRUB's `linux16`, which runs setup16). GRUB boots go through an
// ISO made by grub-mkrescue in a temporary directory.
//
// The guest reports its end through isa-debug-exit (port 0xf4): QEMU exits
// with (value << 1) | 1, so 0x10 -> 33 is a clean power-off and 0x11 -> 35 a
// panic. Under -no-reboot a reset or triple fault makes QEMU exit 0.

import { spawn, execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export type BootMode = "qemu" | "grub" | "grub16";
export const BOOT_MODES: readonly BootMode[] = ["qemu", "grub", "grub16"];

/** How the guest ended. */
export type Outcome = "poweroff" | "panic" | "reset" | "timeout" | "error";

/** `tsuki run`'s exit status for each outcome (2 is its usage error). */
export const EXIT_STATUS: Record<Outcome, number> = { poweroff: 0, panic: 1, reset: 3, timeout: 4, error: 5 };

export interface BootOptions {
  image: string;
  boot?: BootMode; // default "qemu"
  memoryMB?: number; // default 128
  machine?: "pc" | "q35"; // default "pc"
  cpu?: string; // QEMU -cpu model, e.g. "pentium" or "qemu32,-pse,-pge" (default: QEMU's own, qemu32)
  smp?: number; // CPUs (default 1)
  append?: string; // kernel command line (cmd_line_ptr)
  initrd?: string; // file the loader puts in memory as the initrd (ramdisk_image/size)
  timeoutSec?: number; // default 30
  qemuArgs?: string[]; // extra QEMU arguments, e.g. ["-icount", "shift=0,sleep=off"]
  onSerial?: (text: string) => void; // serial output as it arrives (GRUB's ANSI escapes removed)
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
export const POWEROFF_STATUS = 33; // guest wrote 0x10
export const PANIC_STATUS = 35; // guest wrote 0x11

const exec = promisify(execFile);

/**
 * Removes terminal control sequences (CSI `ESC [ ... letter`, charset `ESC ( B`,
 * and lone ESC x) from a stream. GRUB's serial terminal is full of them.
 * A sequence split across chunks is held back until the next chunk.
 */
export class AnsiStripper {
  private carry = "";
  push(chunk: string): string {
    const text = this.carry + chunk;
    this.carry = "";
    const tail = /\x1b(\[[0-9;?]*|[()#])?$/.exec(text);
    const body = tail ? text.slice(0, tail.index) : text;
    if (tail) this.carry = tail[0];
    return body.replace(/\x1b\[[0-9;?]*[@-~]|\x1b[()#][0-9A-Za-z]|\x1b[=>78cDEHMNOZ]/g, "");
  }
  flush(): string {
    const rest = this.carry;
    this.carry = "";
    return rest;
  }
}

/**
 * GRUB's `linux` joins its arguments with single spaces (wrapping any that
 * contain a space in double quotes), so each word is passed as its own
 * argument, single-quoted so that grub.cfg syntax ($, ;, {...}) stays inert.
 */
const grubArgs = (cmdline: string) =>
  cmdline.split(/\s+/).filter(Boolean).map((w) => ` '${w.replace(/'/g, `'\\''`)}'`).join("");

/** Where makeGrubIso puts the image; GRUB passes it as BOOT_IMAGE=. */
const GRUB_IMAGE_PATH = "/boot/tsuki.img";

/**
 * The command line the kernel receives from GRUB (`linux` and `linux16`
 * alike): `BOOT_IMAGE=/boot/tsuki.img`, then the words separated by single
 * spaces, with `'`, `"` and `\` backslash-escaped (measured, GRUB 2.06).
 */
export function grubCommandLine(append: string): string {
  const words = append.split(/\s+/).filter(Boolean).map((w) => w.replace(/['"\\]/g, "\\$&"));
  return [`BOOT_IMAGE=${GRUB_IMAGE_PATH}`, ...words].join(" ");
}

/**
 * Longest command line a loader hands a protocol 2.04 kernel intact, NUL
 * excluded. Before 2.06 (which added `cmdline_size`) the protocol allows 255
 * bytes, and GRUB enforces it: it silently drops every word that does not
 * fit (measured: a 256-byte line loses its last word, a single word longer
 * than the space left vanishes whole). QEMU -kernel passes longer lines, and
 * setup32 keeps up to 2047 bytes of them (x86 Linux's COMMAND_LINE_SIZE - 1).
 */
export const GRUB_CMDLINE_MAX = 255;
export const SETUP32_CMDLINE_MAX = 2047;

/**
 * Why `append` would not reach the kernel whole under `mode`, or undefined.
 * A lost word is a lost option (a test that silently does not run), so
 * `tsuki run` and boot() refuse such lines instead of booting them.
 */
export function commandLineProblem(mode: BootMode, append: string): string | undefined {
  if (mode === "qemu") {
    const n = Buffer.byteLength(append);
    if (n > SETUP32_CMDLINE_MAX) return `the command line is ${n} bytes; setup32 keeps at most ${SETUP32_CMDLINE_MAX}`;
    return undefined;
  }
  const line = grubCommandLine(append);
  const n = Buffer.byteLength(line);
  if (n > GRUB_CMDLINE_MAX) {
    return `GRUB would pass ${n} bytes (BOOT_IMAGE=${GRUB_IMAGE_PATH}, the words, escapes), but it cuts a boot protocol 2.04 command line to ${GRUB_CMDLINE_MAX} bytes by dropping words`;
  }
  return undefined;
}

/** Writes dir/tsuki.iso booting `image` with GRUB's linux (32-bit) or linux16 entry. */
export async function makeGrubIso(dir: string, image: string, mode: "grub" | "grub16", append = "", initrd = ""): Promise<string> {
  const root = path.join(dir, "iso");
  await mkdir(path.join(root, "boot", "grub"), { recursive: true });
  await copyFile(image, path.join(root, GRUB_IMAGE_PATH));
  if (initrd !== "") await copyFile(initrd, path.join(root, "boot", "initrd"));
  const args = grubArgs(append);
  const rd = (cmd: string) => (initrd !== "" ? `\n  ${cmd} /boot/initrd` : "");
  // Serial terminal only and no menu wait: the boot must run unattended.
  const cfg = [
    "serial --unit=0 --speed=115200",
    "terminal_input serial",
    "terminal_output serial",
    "set timeout=0",
    `set default=${mode === "grub" ? 0 : 1}`,
    `menuentry "tsuki (linux, 32-bit entry)" {\n  linux /boot/tsuki.img${args}${rd("initrd")}\n}`,
    `menuentry "tsuki (linux16, 16-bit setup)" {\n  linux16 /boot/tsuki.img${args}${rd("initrd16")}\n}`,
    "",
  ].join("\n");
  await writeFile(path.join(root, "boot", "grub", "grub.cfg"), cfg);
  const iso = path.join(dir, "tsuki.iso");
  try {
    await exec("grub-mkrescue", ["-o", iso, root]);
  } catch (e) {
    throw new Error(`grub-mkrescue failed: ${(e as { stderr?: string }).stderr?.trim() || (e as Error).message}`);
  }
  return iso;
}

type Resolved = Required<Omit<BootOptions, "onSerial">> & Pick<BootOptions, "onSerial">;

function qemuCommand(o: Resolved, iso?: string): string[] {
  const args = [
    "-machine", o.machine, "-accel", "tcg", "-m", String(o.memoryMB), "-smp", String(o.smp),
    ...(o.cpu !== "" ? ["-cpu", o.cpu] : []),
    "-display", "none", "-serial", "stdio", "-monitor", "none", "-parallel", "none",
    "-no-reboot", "-device", DEBUG_EXIT_DEVICE,
  ];
  if (iso !== undefined) args.push("-cdrom", iso, "-boot", "d");
  else {
    args.push("-kernel", o.image);
    if (o.append !== "") args.push("-append", o.append);
    if (o.initrd !== "") args.push("-initrd", o.initrd);
  }
  return [...args, ...o.qemuArgs];
}

/**
 * Boots the image once. Guest behaviour and a missing QEMU become an outcome;
 * it throws only when the boot cannot be set up: a command line the loader
 * would cut (commandLineProblem), or grub-mkrescue failing.
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
    qemuArgs: opts.qemuArgs ?? [],
    onSerial: opts.onSerial,
  };
  const problem = commandLineProblem(o.boot, o.append);
  if (problem !== undefined) throw new Error(`--append: ${problem}`);
  let tmp: string | undefined;
  try {
    let iso: string | undefined;
    if (o.boot !== "qemu") {
      tmp = await mkdtemp(path.join(os.tmpdir(), "tsuki-grub-"));
      iso = await makeGrubIso(tmp, o.image, o.boot, o.append, o.initrd);
    }
    return await runQemu(o, qemuCommand(o, iso));
  } finally {
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true });
  }
}

function runQemu(o: Resolved, args: string[]): Promise<BootResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    // stdin is /dev/null: -serial stdio would otherwise feed keystrokes to GRUB.
    const child = spawn("qemu-system-i386", args, { stdio: ["ignore", "pipe", "pipe"] });
    const strip = o.boot === "qemu" ? undefined : new AnsiStripper();
    let serial = "";
    let stderr = "";
    let timedOut = false;
    let done = false;
    const emit = (text: string) => {
      if (text === "") return;
      serial += text;
      o.onSerial?.(text);
    };
    child.stdout.setEncoding("utf8"); // decodes characters split across chunks
    child.stdout.on("data", (d: string) => emit(strip ? strip.push(d) : d));
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, o.timeoutSec * 1000);
    const finish = (code: number | null, spawnError?: Error) => {
      if (done) return; // 'error' may be followed by 'close'
      done = true;
      clearTimeout(timer);
      if (strip) emit(strip.flush());
      const seconds = (performance.now() - started) / 1000;
      const { outcome, message } = classify(code, timedOut, serial, stderr, seconds, o, spawnError);
      resolve({ outcome, status: EXIT_STATUS[outcome], qemuStatus: code, serial, seconds, message });
    };
    child.on("error", (e) => finish(null, e));
    child.on("close", (code) => finish(code));
  });
}

function classify(
  code: number | null, timedOut: boolean, serial: string, stderr: string, seconds: number,
  o: { timeoutSec: number; boot: BootMode }, spawnError?: Error,
): { outcome: Outcome; message: string } {
  const t = `${seconds.toFixed(2)} s`;
  const panicLine = /^.*PANIC:.*$/m.exec(serial)?.[0].trim();
  const qemuSaid = stderr.trim().split("\n").filter(Boolean).slice(-3).join(" / ");
  if (spawnError) return { outcome: "error", message: `could not start qemu-system-i386: ${spawnError.message}` };
  if (timedOut) {
    if (panicLine) return { outcome: "panic", message: `guest panicked and hung (${panicLine}); killed after the ${o.timeoutSec} s timeout` };
    const grubError = o.boot !== "qemu" ? /^.*error: .*$/m.exec(serial)?.[0].trim() : undefined;
    return { outcome: "timeout", message: `no power-off within ${o.timeoutSec} s, QEMU killed${grubError ? ` (GRUB said: ${grubError})` : ""}` };
  }
  if (code === POWEROFF_STATUS) return { outcome: "poweroff", message: `guest powered off cleanly (isa-debug-exit 0x10) after ${t}` };
  if (code === PANIC_STATUS) return { outcome: "panic", message: `guest panicked (isa-debug-exit 0x11) after ${t}${panicLine ? `: ${panicLine}` : ""}` };
  if (code === 0) {
    if (panicLine) return { outcome: "panic", message: `guest panicked, then reset or triple-faulted after ${t}: ${panicLine}` };
    return { outcome: "reset", message: `guest reset or triple-faulted (QEMU exited 0 under -no-reboot) after ${t}` };
  }
  if (code !== null && code % 2 === 1 && code > 1) {
    return { outcome: "error", message: `guest wrote an unknown value ${"0x" + ((code - 1) / 2).toString(16)} to isa-debug-exit (QEMU status ${code}) after ${t}` };
  }
  return { outcome: "error", message: `QEMU failed (exit status ${code})${qemuSaid ? `: ${qemuSaid}` : ""}` };
}
