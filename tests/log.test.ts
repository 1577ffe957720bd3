// The kernel's log level on real boots (`loglevel=` on the command line,
// kernel/log.ts): warn hides the boot report but not the power-off, error
// still prints a whole PANIC report, debug boots with the layout rules
// holding, and a value the kernel does not know is a warning line. Each
// failing test prints the serial log of its boot.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { boot, type BootResult } from "../tools/run.js";
import { checkLayout, parse, withLog } from "./lib/layoutreport.js";
import { limiter } from "./lib/limit.js";

let built: Promise<BuildResult>;
let out: string;

before(() => {
  // Its own build directory: other test files build into theirs at the same time.
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-log-test-"));
  built = build({ out, log: () => {} });
});

after(() => rmSync(out, { recursive: true, force: true }));

const limited = limiter(2);
const run = async (append: string): Promise<BootResult> => {
  const image = (await built).image;
  return limited(() => boot({ image, boot: "qemu", append, timeoutSec: 20 }));
};

/**
 * What the process manager writes (the ConsoleWrite system call) is its own
 * output, not the kernel's log: no level hides it, so the checks of the
 * kernel's lines leave it out.
 */
const USER_LINE = /^(procmgr: (ready at cycle |\d+ arguments, |no initrd|the initrd holds|started |demo done)|test [\w-]+: |ping: |pong: )/;
const kernelLines = (serial: string) => serial.split(/\r?\n/).filter((l) => !USER_LINE.test(l)).join("\n");
const lines = (serial: string) => kernelLines(serial).split("\n").filter((l) => l !== "");

/** Lines of the boot report, all at LogLevel.Info. */
const INFO_LINE = /^(cmdline|e820|physmap|layout|paging|frames|kvspace|threads|traps|procmgr|boot|test|memory|clock): /m;

/** What main() prints before it has read loglevel= (at the default level, info). */
const BEFORE_LEVEL = [/^Tsuki microkernel$/, /^cpu: /];

const BAD_LEVEL_WARNING = "log: warning: loglevel= takes error, warn, info or debug; staying at info";

describe("loglevel=", { concurrency: 2 }, () => {
  it("warn: no info lines after the level is read, and the boot still powers off", async () => {
    const r = await run("loglevel=warn");
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      assert.match(r.serial, /^procmgr: ready at cycle \d+, /m, "the process manager's own line is there");
      assert.doesNotMatch(r.serial, /^layout: /m, "no layout: lines");
      assert.doesNotMatch(r.serial, /^frames: /m, "no frames: lines");
      assert.doesNotMatch(kernelLines(r.serial), INFO_LINE, "no info line of the boot report");
      for (const p of BEFORE_LEVEL) assert.ok(lines(r.serial).some((l) => p.test(l)), `printed before loglevel= is read: ${p}`);
      // Anything else would have to be a warning (none is expected under QEMU).
      const other = lines(r.serial).filter((l) => !BEFORE_LEVEL.some((p) => p.test(l)) && !/: warning: /.test(l));
      assert.deepEqual(other, [], "only the lines before the level is read, or warnings");
    });
  });

  it("error test=de: the PANIC report is complete, and nothing of the boot report is printed", async () => {
    const r = await run("loglevel=error test=de");
    withLog(r, () => {
      assert.equal(r.outcome, "panic", r.message);
      assert.doesNotMatch(r.serial, INFO_LINE, "no info line (not even the test mode's)");
      const l = r.serial.split(/\r?\n/);
      const at = l.findIndex((x) => x.startsWith("PANIC: "));
      assert.ok(at >= 0, "a PANIC line");
      assert.match(l[at]!, /^PANIC: divide error, error code 0x00000000, vector 0, eip 0x[0-9a-f]{8}$/);
      assert.match(l[at + 1]!, /^ {2}eax=0x[0-9a-f]{8} ebx=0x[0-9a-f]{8} ecx=0x[0-9a-f]{8} edx=0x[0-9a-f]{8} esi=0x[0-9a-f]{8} edi=0x[0-9a-f]{8} ebp=0x[0-9a-f]{8} esp=0x[0-9a-f]{8}$/);
      assert.match(l[at + 2]!, /^ {2}cs=0x00000008 ds=0x[0-9a-f]{8} es=0x[0-9a-f]{8} fs=0x[0-9a-f]{8} gs=0x[0-9a-f]{8} ss=0x[0-9a-f]{8} eflags=0x[0-9a-f]{8} cr2=0x[0-9a-f]{8}$/);
      assert.match(l[at + 3]!, /^ {2}trace:( 0x[0-9a-f]{8}){3,}$/, "a trace of eip and at least two return addresses");
      assert.equal(/eip (0x[0-9a-f]{8})$/.exec(l[at]!)?.[1], /trace: (0x[0-9a-f]{8})/.exec(l[at + 3]!)?.[1], "the trace starts at eip");
      assert.equal(l[at + 4], "", "the report ends with panicEnd()'s empty line");
      const before = lines(l.slice(0, at).join("\n")).filter((x) => !BEFORE_LEVEL.some((p) => p.test(x)));
      assert.deepEqual(before, [], "before the report, only the lines printed before the level is read");
    });
  });

  it("debug: the boot works and its report holds the layout rules", async () => {
    const r = await run("loglevel=debug");
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      assert.match(r.serial, /^cmdline: loglevel=debug\r?$/m);
      checkLayout(parse(r.serial), 128);
      assert.match(r.serial, /^frames: free: \d+ pages/m);
      assert.doesNotMatch(r.serial, /^log: warning/m, "no warning from the logger (bad level or bad formats)");
    });
  });

  it("bogus: a warning line, and the boot goes on at info", async () => {
    const r = await run("loglevel=bogus");
    withLog(r, () => {
      assert.equal(r.outcome, "poweroff", r.message);
      assert.ok(lines(r.serial).includes(BAD_LEVEL_WARNING), `the line "${BAD_LEVEL_WARNING}"`);
      assert.match(r.serial, /^layout: klimit=0x08000000\r?$/m, "info lines are printed");
    });
  });
});
