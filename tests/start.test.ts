// `npm start` (issue 10): one progress line per set-up and build step, one
// boot with the serial console on stdout, the layout report drawn from that
// boot's log; and Ctrl-C (SIGINT, to the runner alone or to its whole
// process group as a terminal sends it) once QEMU runs leaves no QEMU behind
// and exits with 130, "interrupted".

import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../tools/realmode.js";
import { killAll, processesWith, uniqueMarker } from "./lib/procs.js";

const START = path.join(ROOT, "scripts", "start.mjs");

interface Started {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node scripts/start.mjs ARGS`; `onStdout` sees the output so far, with the child (to signal it). */
function start(args: string[], opts: { detached?: boolean; onStdout?: (all: string, pid: number) => void } = {}): Promise<Started> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [START, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: opts.detached ?? false });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
      opts.onStdout?.(stdout, child.pid!);
    });
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const markers: string[] = [];
after(() => markers.forEach(killAll));

/** The parent process id of `pid` (/proc/PID/stat's fourth field). */
const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
const alive = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));

describe("npm start", { timeout: 240_000 }, () => {
  it("sets up, builds, boots once with the console here, then shows the layout report of that boot", async () => {
    const r = await start([]);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const progress = r.stdout.split("\n").filter((l) => l.startsWith("[start] "));
    const want = [/^npm packages (up to date|installed)/, /^Debian packages (present|installed)/, /^tools (up to date|built)/, /^image (up to date|built)/,
      /^booting build\/tsuki\.img in QEMU/, /^boot ended \(poweroff\)/, /^layout report from build\/start\.log/];
    assert.equal(progress.length, want.length, progress.join("\n"));
    want.forEach((w, i) => assert.match(progress[i]!.slice(8), w));
    for (const p of progress.slice(0, 4)) assert.match(p, / \d+\.\d s$/, "each set-up and build step says its time");
    assert.equal(r.stdout.match(/^Tsuki microkernel\r?$/gm)?.length, 1, "one boot");
    const booted = r.stdout.indexOf("[start] booting");
    const demo = r.stdout.indexOf("procmgr: demo done");
    const report = r.stdout.indexOf("\nThe image file\n");
    assert.ok(booted < demo && demo < report, "serial console, then the layout report");
    const rules = /^The spec's layout rules: (\d+) of (\d+) hold$/m.exec(r.stdout);
    assert.ok(rules !== null && rules[1] === rules[2], "every rule holds");
    // The report is this boot's: the log it was drawn from is the serial output shown.
    const log = readFileSync(path.join(ROOT, "build", "start.log"), "utf8");
    assert.ok(r.stdout.includes(log.slice(0, log.indexOf("procmgr: ready"))), "build/start.log is this boot's serial output");
    const top = /^layout: kernel_region_top=(0x[0-9a-f]{8})\r?$/m.exec(log)![1];
    assert.match(r.stdout.slice(report), new RegExp(`\\+ ${top}  kernel_region_top`));
  });

  it("a second, no-op run skips the set-up and the build", async () => {
    const r = await start([]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\[start\] npm packages up to date/m);
    assert.match(r.stdout, /^\[start\] Debian packages present \(unchanged\)/m);
    assert.match(r.stdout, /^\[start\] tools up to date \(tsc skipped\)/m);
    assert.match(r.stdout, /^\[start\] image up to date/m);
  });

  for (const [how, detached] of [["to the runner", false], ["to its process group (a terminal's Ctrl-C)", true]] as const) {
    it(`SIGINT ${how} once QEMU runs: QEMU is gone and the status says interrupted`, async () => {
      const marker = uniqueMarker("start");
      markers.push(marker);
      let qemu: number | undefined;
      let polling = false;
      // -S holds the guest before its first instruction, so the boot is still running when the signal comes.
      const r = await start(["--qemu-arg=-S", "--qemu-arg=-name", `--qemu-arg=${marker}`, "--timeout", "60"], {
        detached,
        onStdout: (all, pid) => {
          if (polling || !all.includes("[start] booting")) return;
          polling = true;
          const poll = () => {
            const found = processesWith(marker).filter((p) => /qemu-system-i386 /.test(p.cmdline));
            if (found.length === 0) return void (alive(pid) && setTimeout(poll, 50));
            qemu = found[0]!.pid;
            assert.equal(parentOf(qemu), pid, "QEMU is the runner's child");
            process.kill(detached ? -pid : pid, "SIGINT");
          };
          poll();
        },
      });
      assert.ok(qemu !== undefined, `QEMU was seen running:\n${r.stdout}\n${r.stderr}`);
      assert.equal(r.status, 130, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stderr, /tsuki run: interrupted: stopped before the guest ended/);
      assert.ok(!alive(qemu), `QEMU ${qemu} is still running`);
      assert.deepEqual(processesWith(marker), [], "no process of this boot survives");
      assert.doesNotMatch(r.stdout, /The image file/, "no layout report for an interrupted boot");
    });
  }
});
