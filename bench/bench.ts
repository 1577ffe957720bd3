// `npm run bench`: the project's speed and size targets, measured in one run.
// Wall-clock numbers come from this shared machine and vary; the guest
// instruction counts (QEMU -icount shift=0, read with rdtsc by the kernel)
// and the byte counts are deterministic.
import { statSync } from "node:fs";
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

await compileBench();
const image = await buildBench();
await bootBench(image);
