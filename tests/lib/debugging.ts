// Helpers of the tests that drive gdb through `tsuki debug`: where a line of
// TypeScript is (so no test hard-codes a line number that drifts), running
// the command to its end, and cutting gdb's output at `echo ==NAME==` marks.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../../tools/realmode.js";

export const TSUKI = path.join(ROOT, "bin", "tsuki.js");

/** The line number of the one line of `file` (relative to the root) containing `text`. */
export function lineOf(file: string, text: string): number {
  const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const at = lines.flatMap((l, i) => (l.includes(text) ? [i + 1] : []));
  assert.equal(at.length, 1, `${file} has one line with ${JSON.stringify(text)}`);
  return at[0]!;
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` in the root to its end (SIGTERM after `seconds`); `onStderr` sees stderr as it comes. */
export function runToEnd(cmd: string, args: string[], seconds: number, onStderr?: (all: string) => void): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      onStderr?.(stderr);
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), seconds * 1000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** `tsuki ARGS` run to its end. */
export const tsuki = (args: string[], seconds: number, onStderr?: (all: string) => void) => runToEnd(process.execPath, [TSUKI, ...args], seconds, onStderr);

/** The output after an `echo ==NAME==\n` mark, up to the next mark. */
export const section = (stdout: string, name: string) => stdout.split(`==${name}==\n`)[1]?.split(/==\w+==\n/)[0] ?? "";

export const mark = (name: string) => `echo ==${name}==\\n`;
