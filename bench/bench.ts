// `npm run bench`: the project's speed and size targets, measured in one run.
// Wall-clock numbers come from this shared machine and vary; the guest
// instruction counts (QEMU -icount shift=0, read with rdtsc by the kernel)
// and the byte counts are deterministic.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyse } from "../tools/inspect.js";
import { boot } from "../tools/qemu.js";
import { bootWallTimes, buildTimes, compileRate, testTime } from "./walltime.js";

/** Figures for build/bench.json, one key each. */
const figures: Record<string, number> = {};

/**
 * The image's size and its parts as `tsuki inspect` finds them, with the
 * padding between them (page alignment of the process manager), so that the
 * terms add up to the file's size.
 */
function sizeBench(image: string): void {
  const target = 110_000;
  const r = analyse(readFileSync(image));
  if (r.errors.length > 0) throw new Error(`${image}: ${r.errors.join("; ")}`);
  const terms: string[] = [];
  let at = 0;
  let padding = 0;
  for (const part of r.parts) {
    if (part.fileOffset > at) {
      terms.push(`padding ${part.fileOffset - at}`);
      padding += part.fileOffset - at;
    }
    terms.push(`${part.name} ${part.size}`);
    figures[`image_bytes_${part.name.replace(/ /g, "_")}`] = part.size;
    at = part.fileOffset + part.size;
  }
  if (r.size > at) {
    terms.push(`padding ${r.size - at}`);
    padding += r.size - at;
  }
  figures.image_bytes = r.size;
  figures.image_bytes_padding = padding;
  console.log(`size-bench: image ${r.size} bytes = ${terms.join(" + ")} (target <= ${target.toLocaleString("en-US")}: ${r.size <= target ? "OK" : "MISSED"})`);
}

/**
 * The boot's cost in guest instructions (docs/performance.md, "boot_insns"):
 * from setup32's rdtsc at its entry (boot_info.entry_tsc, printed by the
 * kernel) to the process manager's rdtsc on its `procmgr: ready` line, with
 * the kernel's own breakdown by phase, at 128 MB and 3 GB, each booted five
 * times with the serial port into a file (a pipe could make the UART wait).
 */
async function bootBench(image: string): Promise<void> {
  const target = 500_000;
  // As `npm start` boots it: with the user programs' archive beside the image.
  const initrd = path.join(path.dirname(image), "initrd.cpio");
  let at128 = 0;
  for (const memoryMB of [128, 3072]) {
    const counts: number[] = [];
    let phases = "";
    for (let i = 0; i < 5; i++) {
      const r = await boot({ image, memoryMB, initrd, serialToFile: true, qemuArgs: ICOUNT, timeoutSec: 60 });
      const entry = /^boot: done in \d+ cycles from setup32's entry at cycle (\d+)/m.exec(r.serial);
      const ready = /^procmgr: ready at cycle (\d+)/m.exec(r.serial);
      if (r.outcome !== "poweroff" || !entry || !ready) {
        console.log(`boot-bench: ${memoryMB} MB: the boot did not reach procmgr: ready cleanly (${r.outcome}: ${r.message})\n${r.serial}`);
        process.exitCode = 1;
        return;
      }
      counts.push(Number(ready[1]) - Number(entry[1]));
      phases = [...r.serial.matchAll(/^boot: (phases|across phases): (.*?)\r?$/gm)].map((m) => m[2]).join(", ");
    }
    const n = counts[0]!;
    const spread = Math.max(...counts) - Math.min(...counts);
    if (memoryMB === 128) at128 = n;
    const bound = memoryMB === 128 ? target : Math.floor(1.1 * at128);
    const verdict = n <= bound ? "OK" : "MISSED";
    console.log(`boot-bench: ${memoryMB} MB: ${n.toLocaleString("en-US")} guest instructions from setup32's entry to procmgr: ready (target <= ${bound.toLocaleString("en-US")}${memoryMB === 128 ? "" : ", 1.1 x 128 MB"}: ${verdict}); spread over 5 boots ${spread}${spread === 0 ? "" : ": NOT DETERMINISTIC"}`);
    console.log(`boot-bench: ${memoryMB} MB: by phase (kernel's accounts): ${phases}; procmgr start to ready ${(n - sumOf(phases)).toLocaleString("en-US")}`);
    if (spread !== 0) process.exitCode = 1;
    figures[memoryMB === 128 ? "boot_insns_128mb" : "boot_insns_3gb"] = n;
  }
}

const ICOUNT = ["-icount", "shift=0,sleep=off"];

/** The sum of the numbers in a "name N, name N" list. */
function sumOf(list: string): number {
  return [...list.matchAll(/ (\d+)(?=,|$)/g)].reduce((a, m) => a + Number(m[1]), 0);
}

/**
 * System-call and IPC costs in guest instructions, from the process
 * manager's test=bench (procmgr/benchtest.ts: rdtsc around 10,000 calls
 * under -icount shift=0), booted five times: the spread must be 0.
 */
async function syscallBench(image: string): Promise<void> {
  const runs: Map<string, number>[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await boot({ image, append: "test=bench", serialToFile: true, qemuArgs: ICOUNT, timeoutSec: 60 });
    const got = new Map<string, number>();
    for (const m of r.serial.matchAll(/^bench: (.+): (\d+) instructions for (\d+)\r?$/gm)) got.set(m[1]!, Number(m[2]) / Number(m[3]));
    if (r.outcome !== "poweroff" || got.size === 0) {
      console.log(`syscall-bench: the boot did not finish cleanly (${r.outcome}: ${r.message})`);
      process.exitCode = 1;
      return;
    }
    runs.push(got);
  }
  // Figure keys, and the targets (undefined: none).
  const keys: Record<string, [string, number | undefined]> = {
    "null system call by int 0x80": ["syscall_insns_int80", 250],
    "null system call by sysenter": ["syscall_insns_sysenter", 150],
    "IPC round trip, 8 bytes, two threads of one process": ["ipc_roundtrip_insns_threads_8", undefined],
    "IPC round trip, 1024 bytes, two threads of one process": ["ipc_roundtrip_insns_threads_1024", undefined],
    "IPC round trip, 8 bytes, two processes": ["ipc_roundtrip_insns_processes_8", 1000],
    "IPC round trip, 1024 bytes, two processes": ["ipc_roundtrip_insns_processes_1024", undefined],
    "switch by Yield, two threads of one process": ["switch_insns_threads", 400],
    "switch by Yield, two processes": ["switch_insns_processes", 400],
  };

  for (const [what, per] of runs[0]!) {
    const all = runs.map((r) => r.get(what) ?? Number.NaN);
    const spread = Math.max(...all) - Math.min(...all);
    const [key, target] = keys[what] ?? [undefined, undefined];
    const verdict = target === undefined ? "" : ` (target <= ${target}: ${per <= target ? "OK" : "MISSED"})`;
    console.log(`syscall-bench: ${what}: ${per.toFixed(1)} guest instructions each${verdict}; spread over 5 boots ${spread}${spread === 0 ? "" : ": NOT DETERMINISTIC"}`);
    if (spread !== 0) process.exitCode = 1;
    if (key !== undefined) figures[key] = per;
  }
}

// `npm run bench -- --test-time[=N]` also times `npm test` N times (default 5: most of an hour).
const testArg = process.argv.slice(2).find((a) => a === "--test-time" || a.startsWith("--test-time="));
compileRate(figures);
buildTimes(figures);
const image = path.join("build", "tsuki.img");
sizeBench(image);
await bootBench(image);
await syscallBench(image);
await bootWallTimes(figures, image, path.join("build", "initrd.cpio"));
const testRuns = testArg === undefined ? 0 : testArg.includes("=") ? Number(testArg.split("=")[1]) : 5;
if (testArg !== undefined && !(Number.isInteger(testRuns) && testRuns > 0)) throw new Error(`${testArg}: the number of runs must be a positive integer`);
if (testRuns > 0) testTime(figures, testRuns);
else console.log("walltime-bench: npm test not timed (it takes minutes each run): npm run bench -- --test-time[=N]");
mkdirSync(path.join("build"), { recursive: true });
writeFileSync(path.join("build", "bench.json"), `${JSON.stringify(figures, null, 2)}\n`);
console.log(`bench: figures written to build/bench.json (${Object.keys(figures).join(", ")})`);
