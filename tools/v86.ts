// The fourth boot path: v86 (npm `v86`, an x86 emulator compiled to
// WebAssembly) inside Node, through v86's own Linux loader, with Debian's
// SeaBIOS as its BIOS (the package ships none). boot() in tools/qemu.ts
// dispatches here for `--boot v86`, so `tsuki run`, the tests and the bench
// share one harness and one BootResult.
//
// Each boot runs in a child process (tools/v86child.ts): a guest fault v86
// cannot emulate makes it throw out of its loop, which would kill Node. How
// the guest ended is read from the serial output alone (v86 has no
// isa-debug-exit): the kernel's last line (`power-off: success|failure`,
// kernel/i686/machine.ts), a PANIC: line, a second boot banner (the machine
// restarted), or what v86 threw; classifyV86 in tools/verdict.ts turns that
// into the outcome. See docs/boot.md, "v86".

import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXIT_STATUS, type BootOptions, type BootResult } from "./qemu.js";
import { classifyV86, v86Ending } from "./verdict.js";
import { V86_THREW, V86_THREW_STATUS, type V86ChildConfig } from "./v86child.js";

/** The BIOS files v86 runs: Debian's `seabios` package (scripts/ensure.mjs installs it). */
export const SEABIOS = "/usr/share/seabios/bios.bin";
export const VGABIOS = "/usr/share/seabios/vgabios-stdvga.bin";

/**
 * v86's loader writes the command line and its NUL at 0x8E000 and, for a
 * protocol before 2.06 (ours is 2.04), allows 255 bytes in all; it does not
 * cut a longer one, it writes past the end (src/kernel.js). So 254.
 */
export const V86_CMDLINE_MAX = 254;

/** v86 puts any initrd at this fixed address (src/kernel.js), whatever the RAM size. */
export const V86_INITRD_ADDRESS = 64 << 20;
/** What SeaBIOS under v86 keeps reserved at the top of RAM of 64 MB or more (measured, BOOT-NOTES). */
export const V86_SEABIOS_RESERVE = 16 << 20;

/** The v86 package's files: libv86 for the page, v86.wasm for both. */
export function v86Files(): { wasm: string; lib: string } {
  const main = createRequire(import.meta.url).resolve("v86");
  const dir = path.dirname(main);
  return { wasm: path.join(dir, "v86.wasm"), lib: path.join(dir, "libv86.mjs") };
}

export function v86CommandLineProblem(append: string): string | undefined {
  const n = Buffer.byteLength(append);
  return n > V86_CMDLINE_MAX ? `the command line is ${n} bytes; v86's loader passes at most ${V86_CMDLINE_MAX} to a protocol 2.04 kernel` : undefined;
}

/** Why v86 cannot deliver an initrd of `size` bytes with `memoryMB` of RAM, or undefined. */
export function v86InitrdProblem(memoryMB: number, size: number): string | undefined {
  const need = V86_INITRD_ADDRESS + size + V86_SEABIOS_RESERVE;
  if (size === 0 || memoryMB * 0x100000 >= need) return undefined;
  return `v86 loads the initrd at 64 MiB and SeaBIOS reserves the top 16 MiB: a ${size}-byte initrd needs --memory ${Math.ceil(need / 0x100000)} or more (or --initrd none)`;
}

/** Options that only QEMU has, named in the error when a v86 boot is given one. */
function qemuOnlyProblem(o: BootOptions): string | undefined {
  if (o.gdbPort !== undefined) return "v86 has no gdb stub (tsuki debug boots QEMU)";
  if (o.iso !== undefined) return "an ISO boots through GRUB under QEMU, not v86";
  if (o.serialToFile) return "serial to a file is a QEMU option";
  if ((o.machine ?? "pc") !== "pc" || (o.cpu ?? "") !== "" || (o.smp ?? 1) !== 1 || o.gui || (o.qemuArgs ?? []).length > 0) {
    return "--machine, --cpu, --smp, --gui and --qemu-arg are QEMU options; v86 has one machine (a PC with one Pentium-class CPU)";
  }
  return undefined;
}

/** Boots `opts.image` under v86 once: the same contract as boot() for QEMU. */
export function bootV86(opts: BootOptions): Promise<BootResult> {
  const problem = qemuOnlyProblem(opts);
  if (problem !== undefined) return Promise.reject(new Error(`--boot v86: ${problem}`));
  const append = opts.append ?? "";
  const cmd = v86CommandLineProblem(append);
  if (cmd !== undefined) return Promise.reject(new Error(`--append: ${cmd}`));
  const memoryMB = opts.memoryMB ?? 128;
  const initrd = opts.initrd ?? "";
  const initrdSize = initrd !== "" ? statSync(initrd).size : undefined;
  const rd = v86InitrdProblem(memoryMB, initrdSize ?? 0);
  if (rd !== undefined) return Promise.reject(new Error(`--initrd: ${rd}`));
  for (const f of [SEABIOS, VGABIOS]) {
    if (!existsSync(f)) return Promise.reject(new Error(`${f}: missing (Debian's seabios package; run node scripts/ensure.mjs)`));
  }
  const config: V86ChildConfig = { wasm: v86Files().wasm, bios: SEABIOS, vgaBios: VGABIOS, image: opts.image, initrd, cmdline: append, memoryMB };
  return runChild(config, { ...opts, initrdSize });
}

function runChild(config: V86ChildConfig, o: BootOptions & { initrdSize?: number }): Promise<BootResult> {
  const timeoutSec = o.timeoutSec ?? 30;
  const child = fileURLToPath(new URL("./v86child.js", import.meta.url));
  return new Promise((resolve) => {
    const started = performance.now();
    const proc = spawn(process.execPath, [child, JSON.stringify(config)], { stdio: ["ignore", "pipe", "pipe"] });
    if (proc.pid !== undefined) o.onStart?.(proc.pid);
    let serial = "";
    let stderr = "";
    let timedOut = false;
    let aborted = false;
    let done = false;
    const stop = () => proc.kill("SIGKILL");
    proc.stdout.setEncoding("utf8");
    proc.stdout.on("data", (d: string) => {
      serial += d;
      o.onSerial?.(d);
      if (v86Ending(serial) !== undefined) stop();
    });
    proc.stderr.setEncoding("utf8");
    proc.stderr.on("data", (d: string) => (stderr += d));
    const timer = timeoutSec > 0 ? setTimeout(() => {
      timedOut = true;
      stop();
    }, timeoutSec * 1000) : undefined;
    const abort = () => {
      aborted = true;
      stop();
    };
    if (o.signal?.aborted) abort();
    else o.signal?.addEventListener("abort", abort, { once: true });
    const finish = (code: number | null, spawnError?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      o.signal?.removeEventListener("abort", abort);
      const seconds = (performance.now() - started) / 1000;
      if (aborted && !timedOut && v86Ending(serial) === undefined) {
        resolve({ outcome: "interrupted", status: EXIT_STATUS.interrupted, qemuStatus: code, serial, seconds, message: `stopped before the guest ended, after ${seconds.toFixed(2)} s; v86 killed` });
        return;
      }
      const threw = code === V86_THREW_STATUS ? stderr.split("\n").find((l) => l.startsWith(V86_THREW))?.slice(V86_THREW.length).trim() : undefined;
      const said = stderr.trim().split("\n").filter((l) => l !== "" && !l.startsWith(V86_THREW)).slice(-2).join(" / ");
      const exit = { code, threw, said, spawnError: spawnError?.message };
      const { outcome, message } = classifyV86(exit, timedOut, serial, seconds, { timeoutSec, initrdSize: o.initrdSize });
      resolve({ outcome, status: EXIT_STATUS[outcome], qemuStatus: null, serial, seconds, message });
    };
    proc.on("error", (e) => finish(null, e));
    proc.on("close", (code) => finish(code));
  });
}
