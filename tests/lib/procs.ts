// The processes a test started, found by a marker in their command line
// (e.g. QEMU's `-name MARKER`), so a test can prove none survives it and
// clean up after itself when it fails.

import { readdirSync, readFileSync } from "node:fs";

/** Processes (other than zombies) whose command line contains `marker`. */
export function processesWith(marker: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1];
      if (cmdline.includes(marker) && state !== "Z") found.push({ pid: Number(entry), cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Kills what is left of them (a failed test must not leave QEMU running). */
export function killAll(marker: string): void {
  for (const p of processesWith(marker)) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** A marker no other process has: the test's name and this process's id. */
export const uniqueMarker = (what: string) => `tsuki-${what}-${process.pid}-${Date.now()}`;
