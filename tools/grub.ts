// GRUB as a boot path for `tsuki run`: the ISO grub-mkrescue makes, the
// command line GRUB hands the kernel, and the length limits of each loader's
// command line (the kernel's own constants, kernel/cmdline.ts and
// kernel/bootinfo.ts, read through tools/kernelrules.ts). GRUB's serial
// output is full of ANSI escapes; AnsiStripper removes them.

import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { kernelConstant } from "./kernelrules.js";
import type { BootMode } from "./qemu.js";
import { v86CommandLineProblem } from "./v86.js";

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
export const GRUB_CMDLINE_MAX = kernelConstant("cmdline", "GRUB_CMDLINE_MAX");
export const SETUP32_CMDLINE_MAX = kernelConstant("bootinfo", "CMDLINE_MAX");

/**
 * Why `append` would not reach the kernel whole under `mode`, or undefined.
 * A lost word is a lost option (a test that silently does not run), so
 * `tsuki run` and boot() refuse such lines instead of booting them.
 */
export function commandLineProblem(mode: BootMode, append: string): string | undefined {
  if (mode === "v86") return v86CommandLineProblem(append);
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

/** GRUB's two ways into the image: its 32-bit entry (`linux`) and our 16-bit setup (`linux16`). */
export type GrubEntry = "linux" | "linux16";

export interface IsoOptions {
  append?: string; // kernel command line of both entries
  initrd?: string; // file both entries load as the initrd ("" or absent: none)
  entry?: GrubEntry; // the entry booted when the menu times out (default linux)
  timeoutSec?: number; // the menu's wait (default 3; 0: boot at once, unattended)
}

/**
 * grub.cfg of every ISO: both entries, the initrd when there is one, the
 * serial terminal (COM1, the console tests read) and the screen and keyboard
 * together -- serial only where the PC has a COM1, since GRUB refuses a
 * terminal list naming a missing one.
 */
export function grubConfig(o: IsoOptions): string {
  const args = grubArgs(o.append ?? "");
  const rd = (cmd: string) => (o.initrd ? `\n  ${cmd} /boot/initrd` : "");
  return [
    "# Tsuki's GRUB menu, written by tools/grub.ts (tsuki iso, tsuki run --boot grub|grub16).",
    "if serial --unit=0 --speed=115200; then",
    "  terminal_input serial console",
    "  terminal_output serial console",
    "fi",
    `set timeout=${o.timeoutSec ?? 3}`,
    `set default=${o.entry === "linux16" ? 1 : 0}`,
    `menuentry "Tsuki (linux: GRUB's 32-bit entry)" {\n  linux ${GRUB_IMAGE_PATH}${args}${rd("initrd")}\n}`,
    `menuentry "Tsuki (linux16: Tsuki's 16-bit setup)" {\n  linux16 ${GRUB_IMAGE_PATH}${args}${rd("initrd16")}\n}`,
    "",
  ].join("\n");
}

/** Writes the bootable ISO `iso` (grub-mkrescue: BIOS, hybrid, so it also boots from a USB stick) with `image` and grubConfig(o). */
export async function writeGrubIso(image: string, iso: string, o: IsoOptions = {}): Promise<void> {
  const stage = await mkdtemp(path.join(os.tmpdir(), "tsuki-iso-"));
  try {
    const root = path.join(stage, "iso");
    await mkdir(path.join(root, "boot", "grub"), { recursive: true });
    await copyFile(image, path.join(root, GRUB_IMAGE_PATH));
    if (o.initrd) await copyFile(o.initrd, path.join(root, "boot", "initrd"));
    await writeFile(path.join(root, "boot", "grub", "grub.cfg"), grubConfig(o));
    await mkdir(path.dirname(path.resolve(iso)), { recursive: true });
    await exec("grub-mkrescue", ["-o", iso, root]).catch((e: { stderr?: string; message: string }) => {
      throw new Error(`grub-mkrescue failed: ${e.stderr?.trim() || e.message}`);
    });
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

/** Writes dir/tsuki.iso for one unattended boot of `image` through GRUB's linux (mode grub) or linux16 (grub16) entry. */
export async function makeGrubIso(dir: string, image: string, mode: "grub" | "grub16", append = "", initrd = ""): Promise<string> {
  const iso = path.join(dir, "tsuki.iso");
  await writeGrubIso(image, iso, { append, initrd, entry: mode === "grub" ? "linux" : "linux16", timeoutSec: 0 });
  return iso;
}
