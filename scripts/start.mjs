// `npm start`: set the machine up, build the image (one progress line per
// step, with its time), boot it headless in QEMU with the serial console on
// this terminal, then draw the layout report (`tsuki layout`) from that
// boot's own log. Arguments go to `tsuki run`, e.g. `npm start -- --gui` or
// `npm start -- --boot grub --memory 32 --append test=nullread`.
//
// Exit status: tsuki run's (0 power-off, 130 interrupted, ...), else 1 if a
// layout rule does not hold. Ctrl-C (SIGINT) or SIGTERM at any point: QEMU is
// killed before this process ends, with status 130.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensure } from "./ensure.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const say = (line) => console.log(`[start] ${line}`);
const secs = (t) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

// Until the boot, which stops QEMU itself (tools/run.ts), an interruption just ends the set-up.
const early = () => {
  say("interrupted");
  process.exit(130);
};
for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(s, early);

ensure(say);
const dist = (f) => path.join(root, "dist", "tools", f);
let t = performance.now();
const { build } = await import(dist("build.js"));
const lines = [];
let built;
try {
  built = await build({ log: (l) => lines.push(l) });
} catch (e) {
  console.error(lines.join("\n"));
  console.error(`[start] the build failed: ${e.message}`);
  process.exit(1);
}
say(built.ran.length === 0 ? `image up to date ${secs(t)}` : `image built (${built.ran.length} steps ran, ${built.skipped.length} up to date) ${secs(t)}`);

const { runBoot } = await import(dist("run.js"));
const { layoutReport } = await import(dist("layout.js"));
const { LayoutError, imageInfo } = await import(dist("layoutdraw.js"));
for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.off(s, early);
say(`booting ${path.relative(root, built.image)} in QEMU (Ctrl-C stops it)`);
t = performance.now();
const { status, result, options } = await runBoot([built.image, ...process.argv.slice(2)]);
if (result === undefined) process.exit(status);
say(`boot ended (${result.outcome}) ${secs(t)}`);
if (result.outcome === "interrupted") process.exit(status);

// The layout report from this boot's log, which is also kept in build/.
const log = path.join(path.dirname(built.image), "start.log");
writeFileSync(log, result.serial);
try {
  const report = layoutReport(result.serial, options.memoryMB, imageInfo(readFileSync(options.image)));
  process.stdout.write(`\n${report.text}`);
  say(`layout report from ${path.relative(root, log)}; redraw it with: node bin/tsuki.js layout ${path.relative(root, log)}${options.memoryMB !== 128 ? ` --memory ${options.memoryMB}` : ""}`);
  const failed = report.rules.filter((r) => !r.ok).length;
  process.exit(status !== 0 ? status : failed > 0 ? 1 : 0);
} catch (e) {
  if (!(e instanceof LayoutError)) throw e;
  say(`no layout report: ${e.message}`);
  process.exit(status);
}
