// `npm run bench`: the project's speed and size targets, measured in one run.
// Wall-clock numbers come from this shared machine and vary; the guest
// instruction counts (QEMU -icount shift=0, read with rdtsc by the kernel)
// and the byte counts are deterministic.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { run as compileBench } from "./compile-bench.js";
import { build } from "../tools/build.js";
import { boot } from "../tools/qemu.js";

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const r = await f();
  return [r, (performance.now() - start) / 1000];
}

async function buildBench(): Promise<string> {
  const quiet = () => {};
  const [full, fullSec] = await timed(() => build({ force: true, log: quiet }));
  const [, noopSec] = await timed(() => build({ log: quiet }));
  console.log(`build-bench: full build ${fullSec.toFixed(2)} s (${full.ran.length} steps); unchanged tree ${noopSec.toFixed(2)} s (target < 2 s): ${noopSec < 2 ? "OK" : "TOO SLOW"}`);
  if (noopSec >= 2) process.exitCode = 1;
  const size = (p: string) => statSync(p).size;
  console.log(`size-bench: image ${size(full.image)} bytes = setup32 ${size(full.setup32)} + kernel.elf ${size(full.kernel)} + procmgr.elf ${size(full.procmgr)} (+ boot sector and setup16)`);
  return full.image;
}

/** Boots with one guest instruction per virtual clock tick and reads the kernel's own count. */
async function bootBench(image: string): Promise<void> {
  for (const memoryMB of [32, 128, 1024]) {
    const r = await boot({ image, memoryMB, qemuArgs: ["-icount", "shift=0,sleep=off"], timeoutSec: 30 });
    const m = /boot: done in (\d+) cycles/.exec(r.serial);
    if (r.outcome !== "poweroff" || !m) {
      console.log(`boot-bench: ${memoryMB} MB: boot did not finish cleanly (${r.outcome}: ${r.message})\n${r.serial}`);
      process.exitCode = 1;
      continue;
    }
    console.log(`boot-bench: ${memoryMB} MB: kernel entry to power-off ${Number(m[1]).toLocaleString("en-US")} guest instructions; boot to exit ${r.seconds.toFixed(2)} s`);
  }
}

/** Figures for build/bench.json, one key each. */
const figures: Record<string, number> = {};

/**
 * System-call and IPC costs in guest instructions, from the process
 * manager's test=bench (procmgr/benchtest.ts: rdtsc around 10,000 calls
 * under -icount shift=0), booted five times: the spread must be 0.
 */
async function syscallBench(image: string): Promise<void> {
  const runs: Map<string, number>[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await boot({ image, append: "test=bench", qemuArgs: ["-icount", "shift=0,sleep=off"], timeoutSec: 60 });
    const got = new Map<string, number>();
    for (const m of r.serial.matchAll(/^bench: (.+): (\d+) instructions for (\d+)\r?$/gm)) got.set(m[1]!, Number(m[2]) / Number(m[3]));
    if (r.outcome !== "poweroff" || got.size === 0) {
      console.log(`syscall-bench: the boot did not finish cleanly (${r.outcome}: ${r.message})`);
      process.exitCode = 1;
      return;
    }
    runs.push(got);
  }
  const keys: Record<string, string> = {
    "null system call by int 0x80": "syscall_insns_int80",
    "null system call by sysenter": "syscall_insns_sysenter",
    "IPC round trip, empty message, two threads of one process": "ipc_insns",
  };
  for (const [what, per] of runs[0]!) {
    const all = runs.map((r) => r.get(what) ?? Number.NaN);
    const spread = Math.max(...all) - Math.min(...all);
    console.log(`syscall-bench: ${what}: ${per.toFixed(1)} guest instructions per round trip (10,000 averaged; spread over 5 boots ${spread}${spread === 0 ? "" : ": NOT DETERMINISTIC"})`);
    if (spread !== 0) process.exitCode = 1;
    if (keys[what] !== undefined) figures[keys[what]!] = per;
  }
}

await compileBench();
const image = await buildBench();
await bootBench(image);
await syscallBench(image);
mkdirSync(path.join("build"), { recursive: true });
writeFileSync(path.join("build", "bench.json"), `${JSON.stringify(figures, null, 2)}\n`);
console.log(`bench: figures written to build/bench.json (${Object.keys(figures).join(", ")}); the boot figures of issue 9 are still to come`);
