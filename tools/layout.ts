// `tsuki layout`: the spec's three layout diagrams (tools/layoutdraw.ts) from
// a boot's serial log, with the spec's rules (tools/layoutrules.ts) checked
// on it and printed ✓/✗.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { initrdFor } from "./bootargs.js";
import { LayoutError, imageInfo, layoutModel, layoutSvg, layoutText, type ImageInfo } from "./layoutdraw.js";
import { checkRules, type RuleResult } from "./layoutrules.js";
import { EXIT_STATUS, boot } from "./qemu.js";

const HELP = `usage: tsuki layout [LOG] [--svg FILE] [--image IMAGE] [--memory MB]

Draws the image file, physical memory after boot and the address space with
KLIMIT, with the addresses and sizes the kernel reported in LOG (a boot's
serial output, e.g. \`tsuki run > boot.log\`), and checks each of the spec's
layout rules on them, printing ✓ or ✗.

  LOG           the serial log to read; without it, IMAGE is booted once in
                QEMU (headless, with the initrd beside it) and its log is read
  --svg FILE    also write the diagrams and the rules as an SVG picture
  --image IMAGE the image the log comes from (default build/tsuki.img), for
                the real-mode part's size, which the log does not give; an
                image that is not the log's is ignored, with a note
  --memory MB   the machine's RAM in MiB, which the e820 rules check the map
                against (default 128); also the fresh boot's memory

Exit status: 0 every rule holds, 1 a rule does not hold, 2 usage error or
a damaged log, 3-5 and 130 the fresh boot did not power off (see tsuki run).`;

/** The text (and SVG) of a log's layout and whether every rule holds; throws LayoutError on a damaged log. */
export function layoutReport(serial: string, memoryMB: number, image?: ImageInfo): { text: string; svg: string; rules: RuleResult[] } {
  const model = layoutModel(serial, image);
  const rules = checkRules(model.report, memoryMB, model.report.layout.get("initrd_size") ?? 0);
  return { text: layoutText(model, rules), svg: layoutSvg(model, rules), rules };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: { svg: { type: "string" }, image: { type: "string" }, memory: { type: "string", default: "128" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    console.error(`tsuki layout: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  const fail = (msg: string) => (console.error(`tsuki layout: ${msg}`), 2);
  if (parsed.positionals.length > 1) return fail(`expected at most one LOG, got ${parsed.positionals.length}`);
  const memoryMB = Number(v.memory);
  if (!Number.isInteger(memoryMB) || memoryMB < 2 || memoryMB > 3584) return fail(`--memory ${v.memory}: expected a whole number of MiB from 2 to 3584`);
  const imagePath = v.image ?? "build/tsuki.img";
  if (v.image !== undefined && !existsSync(imagePath)) return fail(`--image ${imagePath}: no such file`);
  const log = parsed.positionals[0];
  let serial: string;
  let status = 0;
  if (log !== undefined) {
    if (!existsSync(log)) return fail(`${log}: no such file`);
    serial = readFileSync(log, "utf8");
  } else {
    if (!existsSync(imagePath)) return fail(`${imagePath}: no such file (build it with \`npm run build\`, or name a LOG)`);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      const r = await boot({ image: imagePath, memoryMB, initrd: initrdFor(imagePath, ""), signal: controller.signal });
      serial = r.serial;
      if (r.outcome !== "poweroff") {
        console.error(`tsuki layout: the boot of ${imagePath} did not power off: ${r.outcome}: ${r.message}`);
        status = EXIT_STATUS[r.outcome];
        if (r.outcome === "interrupted") return status;
      }
    } catch (e) {
      return fail(`booting ${imagePath}: ${(e as Error).message}`);
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
  }
  let report;
  try {
    report = layoutReport(serial, memoryMB, existsSync(imagePath) ? imageInfo(readFileSync(imagePath)) : undefined);
  } catch (e) {
    if (e instanceof LayoutError) return fail(`${log ?? "the boot's log"}: ${e.message}`);
    throw e;
  }
  process.stdout.write(report.text);
  if (v.svg !== undefined) {
    writeFileSync(v.svg, report.svg);
    console.error(`tsuki layout: wrote ${v.svg}`);
  }
  const failed = report.rules.filter((r) => !r.ok).length;
  if (failed > 0) console.error(`tsuki layout: ${failed} of the spec's layout rules do not hold`);
  return status !== 0 ? status : failed > 0 ? 1 : 0;
}
