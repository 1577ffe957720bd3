// `tsuki debug` (issue 10): gdb on TypeScript lines. gdb in batch mode sets
// a breakpoint on a kernel line and on `main`, boots, stops there with that
// file and line, lists TypeScript, steps, prints a struct's field (checked
// against the kernel's own layout report), stops in the process manager's
// code, switches to another program's symbols and continues to power-off.
// Every process the test starts is looked for afterwards: none may survive.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { ROOT } from "../tools/realmode.js";
import { killAll, processesWith } from "./lib/procs.js";

const TSUKI = path.join(ROOT, "bin", "tsuki.js");
let out: string;
let built: Promise<BuildResult>;

before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-debug-test-"));
  built = build({ out, log: () => {} });
  return built;
});

after(() => {
  killAll(out);
  rmSync(out, { recursive: true, force: true });
});

/** The line number of the one line of `file` (relative to the root) containing `text`. */
export function lineOf(file: string, text: string): number {
  const lines = readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const at = lines.flatMap((l, i) => (l.includes(text) ? [i + 1] : []));
  assert.equal(at.length, 1, `${file} has one line with ${JSON.stringify(text)}`);
  return at[0]!;
}

/** Runs `tsuki ARGS` to its end (killed after `seconds`); stdout holds gdb's output and the serial console. */
export function cli(args: string[], seconds: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSUKI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGTERM"), seconds * 1000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The output between `echo ==NAME==` markers of a batch file. */
const section = (stdout: string, name: string) => stdout.split(`==${name}==\n`)[1]?.split(/==\w+==\n/)[0] ?? "";

test("tsuki debug --batch: a kernel line and main, list, bt, next, a struct field, procmgr, power-off", { timeout: 120_000 }, async () => {
  const b = await built;
  const line = lineOf("kernel/main.ts", "buildKernelSpace(t, s);");
  const userLine = lineOf("procmgr/main.ts", "programStart(sp, a);");
  const script = path.join(out, "commands.gdb");
  writeFileSync(script, [
    "break main",
    `break kernel/main.ts:${line}`,
    "continue",
    "echo ==main==\\n",
    "bt 1",
    "continue",
    "echo ==line==\\n",
    "bt",
    "list",
    "echo ==field==\\n",
    "print/x l->kernelStart",
    "print *l",
    "echo ==next==\\n",
    "next",
    "info line *$pc",
    "echo ==user==\\n",
    "delete",
    `break procmgr/main.ts:${userLine}`,
    "continue",
    "bt",
    "echo ==switch==\\n",
    "tsuki-program ping",
    "info line programs_ping_main__main",
    "echo ==end==\\n",
    "delete",
    "continue",
    "",
  ].join("\n"));
  const r = await cli(["debug", b.image, "--batch", script, "--timeout", "60"], 90);
  const log = `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  assert.match(section(r.stdout, "main"), /#0 +kernel_main__main \(.*\) at kernel\/main\.ts:\d+/, log);
  const stop = section(r.stdout, "line");
  assert.match(r.stdout, new RegExp(`Breakpoint 2, kernel_main__enablePaging \\(.*\\) at kernel/main\\.ts:${line}\\n`), log);
  assert.match(stop, new RegExp(`#0 +kernel_main__enablePaging \\(.*\\) at kernel/main\\.ts:${line}\\n`), log);
  assert.match(stop, /#1 .*kernel_main__main \(.*\) at kernel\/main\.ts:\d+/, log);
  assert.match(stop, new RegExp(`^${line}\\s+buildKernelSpace\\(t, s\\);$`, "m"), `list shows the TypeScript line\n${log}`);
  // The struct the kernel reported from: its field is what the layout report printed.
  const reported = /^layout: kernel_start=(0x[0-9a-f]{8})\r?$/m.exec(r.stdout)?.[1];
  assert.ok(reported, log);
  const field = section(r.stdout, "field");
  assert.match(field, new RegExp(`^\\$1 = 0x${Number(reported).toString(16)}$`, "m"), log);
  assert.match(field, /^\$2 = \{imageStart = 1048576, kernelStart = \d+, .*kernelRegionTop = \d+/m, log);
  const next = /Line (\d+) of "kernel\/main\.ts"/.exec(section(r.stdout, "next"));
  assert.ok(next && Number(next[1]) > line, `next stops on a later line of kernel/main.ts\n${log}`);
  const user = section(r.stdout, "user");
  assert.match(user, new RegExp(`#0 +procmgr_main__main \\(.*\\) at procmgr/main\\.ts:${userLine}\\n`), log);
  assert.match(section(r.stdout, "switch"), /Line \d+ of "programs\/ping\/main\.ts"/, log);
  assert.match(r.stdout, /^procmgr: demo done: /m, log);
  assert.match(r.stderr, /^tsuki debug: poweroff: guest powered off cleanly/m, log);
  assert.equal(r.status, 0, log);
  assert.deepEqual(processesWith(out), [], "no QEMU or gdb left behind");
});
