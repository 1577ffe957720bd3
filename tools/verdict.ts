// How a boot ended, in one word and one line: what `tsuki run` reports. The
// guest's own report (isa-debug-exit, a PANIC: line) comes first, but a boot
// that "powered off cleanly" without what the command asked for is a failure
// too: GRUB printed an `error:` line (it carries on without what it could
// not load), or an initrd was requested and the kernel reports none.

import type { BootMode, Outcome } from "./qemu.js";

export const POWEROFF_STATUS = 33; // guest wrote 0x10
export const PANIC_STATUS = 35; // guest wrote 0x11

/**
 * What the loader failed to deliver, in its own words, or undefined: GRUB's
 * first `error:` line, or a requested initrd of `initrdSize` bytes that the
 * kernel's layout report (`layout: initrd_size=`) does not show.
 */
export function loaderProblem(serial: string, mode: BootMode, initrdSize: number | undefined): string | undefined {
  const grubError = mode === "grub" || mode === "grub16" ? /^error: .*$/m.exec(serial)?.[0].trim() : undefined;
  if (grubError !== undefined) return `GRUB said "${grubError}"`;
  const reported = /^layout: initrd_size=0x([0-9a-f]{8})\r?$/m.exec(serial);
  if (initrdSize !== undefined && reported !== null && parseInt(reported[1]!, 16) !== initrdSize) {
    return `an initrd of ${initrdSize} bytes was requested, but the kernel reports initrd_size=0x${reported[1]} (the loader did not deliver it)`;
  }
  return undefined;
}

export function classify(
  code: number | null, timedOut: boolean, serial: string, stderr: string, seconds: number,
  o: { timeoutSec: number; boot: BootMode; initrdSize?: number }, spawnError?: Error,
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
  const missing = loaderProblem(serial, o.boot, o.initrdSize);
  if (missing !== undefined) {
    const ended = code === POWEROFF_STATUS ? "the guest then powered off" : code === PANIC_STATUS ? "the guest then panicked" : "QEMU was stopped";
    return { outcome: "error", message: `the boot loader failed: ${missing}; ${ended} after ${t}` };
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

/**
 * The kernel's last line when no isa-debug-exit device ended the run
 * (kernel/i686/machine.ts): how a v86 boot powers off.
 */
export const POWER_OFF_LINE = /^power-off: (success|failure) \(no isa-debug-exit device; halted\)\r?$/m;
/** The kernel's first line; printed twice, the machine has restarted. */
export const BANNER_LINE = /^Tsuki microkernel\r?$/gm;

/**
 * How a guest without isa-debug-exit (v86) has ended so far, from its serial
 * output alone, or undefined while it runs: a power-off line, or a second
 * boot banner (a reset: v86 restarts the machine, SeaBIOS boots it again).
 * No Node imports: the web page (web/) uses it too.
 */
export function v86Ending(serial: string): "success" | "failure" | "reset" | undefined {
  const line = POWER_OFF_LINE.exec(serial);
  if (line !== null) return line[1] as "success" | "failure";
  return (serial.match(BANNER_LINE) ?? []).length > 1 ? "reset" : undefined;
}

/** How v86's child process ended (tools/v86.ts): its exit code, what v86 threw, its last stderr lines. */
export interface V86Exit {
  code: number | null;
  threw?: string;
  said: string;
  spawnError?: string;
}

/**
 * The verdict of a v86 boot, with classify()'s outcomes. v86 throws instead
 * of resetting when it cannot deliver a fault through the IDT (`Unimplemented:
 * #GP handler`: where a CPU raises #GP, then #DF, then triple-faults), so
 * that throw is a reset, as a triple fault is under QEMU; any other throw is
 * an error naming it.
 */
export function classifyV86(exit: V86Exit, timedOut: boolean, serial: string, seconds: number, o: { timeoutSec: number; initrdSize?: number }): { outcome: Outcome; message: string } {
  const t = `${seconds.toFixed(2)} s`;
  const panicLine = /^.*PANIC:.*$/m.exec(serial)?.[0].trim();
  const ending = v86Ending(serial);
  if (exit.spawnError !== undefined) return { outcome: "error", message: `could not start v86's process: ${exit.spawnError}` };
  if (ending === undefined && exit.threw === undefined) {
    if (panicLine) return { outcome: "panic", message: `guest panicked and hung (${panicLine}); ${timedOut ? `v86 stopped after the ${o.timeoutSec} s timeout` : "v86 stopped"}` };
    if (timedOut) return { outcome: "timeout", message: `no power-off within ${o.timeoutSec} s, v86 stopped` };
    return { outcome: "error", message: `v86's process ended (exit status ${exit.code}) before the guest did${exit.said ? `: ${exit.said}` : ""}` };
  }
  const missing = loaderProblem(serial, "v86", o.initrdSize);
  if (missing !== undefined) return { outcome: "error", message: `the boot loader failed: ${missing}; the guest then ended after ${t}` };
  if (ending === "success") return { outcome: "poweroff", message: `guest powered off cleanly (its last line: power-off: success) after ${t}` };
  if (ending === "failure" || panicLine) return { outcome: "panic", message: `guest panicked (${ending === "failure" ? "power-off: failure" : "v86 then stopped"}) after ${t}${panicLine ? `: ${panicLine}` : ""}` };
  if (ending === "reset") return { outcome: "reset", message: `guest reset: the machine restarted (a second boot banner) after ${t}` };
  const said = exit.said ? ` (${exit.said})` : "";
  if (/#GP handler|#DF|double fault/i.test(exit.said + exit.threw)) return { outcome: "reset", message: `guest triple-faulted: v86 could not deliver a fault and threw ${exit.threw}${said} after ${t}` };
  return { outcome: "error", message: `v86 threw ${exit.threw}${said} after ${t}` };
}
