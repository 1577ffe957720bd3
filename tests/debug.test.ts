// `tsuki debug` (issue 10): gdb on TypeScript lines. gdb in batch mode sets
// a breakpoint on a kernel line and on `main`, boots, stops there with that
// file and line, lists TypeScript, steps, prints a struct's field (checked
// against the kernel's own layout report), stops in the process manager's
// code, switches to another program's symbols and continues to power-off.
// Every process the test starts is looked for afterwards: none may survive.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { lineOf, mark, section, tsuki } from "./lib/debugging.js";
import { killAll, processesWith } from "./lib/procs.js";
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

test("tsuki debug --batch: a kernel line and main, list, bt, next, a struct field, procmgr, power-off", { timeout: 120_000 }, async () => {
  const b = await built;
  const line = lineOf("kernel/main.ts", "buildKernelSpace(t, s);");
  const userLine = lineOf("procmgr/main.ts", "programStart(sp, a);");
  const script = path.join(out, "commands.gdb");
  writeFileSync(script, [
    "break main",
    `break kernel/main.ts:${line}`,
    "continue",
    mark("main"),
    "bt 1",
    "continue",
    mark("line"),
    "bt",
    "list",
    mark("field"),
    "print/x l->kernelStart",
    "print *l",
    mark("next"),
    "next",
    "info line *$pc",
    mark("user"),
    "delete",
    `break procmgr/main.ts:${userLine}`,
    "continue",
    "bt",
    mark("switch"),
    "tsuki-program ping",
    "info line programs_ping_main__main",
    mark("end"),
    "delete",
    "continue",
    "",
  ].join("\n"));
  const r = await tsuki(["debug", b.image, "--batch", script, "--timeout", "60"], 90);
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
