// The demo page in a real browser (issue 11): playwright-core drives
// Debian's chromium headless against build/web served on 127.0.0.1. The
// page boots the image in v86; the test waits for the kernel's layout report
// and `procmgr: ready`, checks the layout against every rule, checks the
// page drew it, types into the terminal, reboots it with another memory size
// and command line from the page's controls, and saves a screenshot under build/
// that must not be blank. The guest does not read its serial port (the
// kernel has no receive path), so typing is checked as far as the page
// goes: the bytes are handed to v86's COM1 (window.tsuki.sentBytes).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Server } from "node:http";
import { chromium, type Browser } from "playwright-core";
import { PNG } from "pngjs";
import { ROOT } from "../tools/realmode.js";
import { buildWeb, serveWeb } from "../tools/web.js";
import { checkLayout, parse } from "./lib/layoutreport.js";

const CHROMIUM = "/usr/bin/chromium";
let server: Server | undefined;
let browser: Browser | undefined;
let url = "";

before(async () => {
  const served = await serveWeb(await buildWeb(), 0);
  server = served.server;
  url = served.url;
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM}: missing (Debian's chromium; node scripts/ensure.mjs installs it)`);
  // --no-sandbox: the tests may run as root, where chromium's sandbox refuses to start.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

interface PageState { serial: string; memoryMB: number; initrdSize: number; firmwareTopMB: number; sentBytes: number; drawn: boolean; ending?: string }

/** Distinct colours in a PNG, and the share of its pixels that differ from the first. */
function pixels(png: Buffer): { colours: number; changed: number } {
  const img = PNG.sync.read(png);
  const seen = new Set<number>();
  let changed = 0;
  const first = img.data.readUInt32BE(0);
  for (let i = 0; i < img.data.length; i += 4) {
    const p = img.data.readUInt32BE(i);
    seen.add(p);
    if (p !== first) changed++;
  }
  return { colours: seen.size, changed: changed / (img.data.length / 4) };
}

test("the page boots the image in v86 in chromium: layout rules, its picture, procmgr ready, the terminal, the screen", { timeout: 240_000 }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1600, height: 1200 } });
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${url}?memory=128`);
  await page.waitForFunction(() => /^procmgr: ready at cycle /m.test((window as unknown as { tsuki: PageState }).tsuki.serial), null, { timeout: 180_000 });
  await page.waitForFunction(() => (window as unknown as { tsuki: PageState }).tsuki.drawn, null, { timeout: 30_000 });
  const s = await page.evaluate(() => (window as unknown as { tsuki: PageState }).tsuki);
  assert.equal(s.memoryMB, 128);
  assert.ok(s.initrdSize > 0, "at 128 MB the page boots with the initrd");
  checkLayout(parse(s.serial), s.memoryMB, s.initrdSize, s.firmwareTopMB);
  assert.match(s.serial, /^procmgr: ready at cycle \d+, \d+ free pages, system calls by sysenter\r?$/m);
  // The picture is tools/layoutdraw.ts's SVG, with every rule holding.
  const svg = await page.locator("#layout svg").innerHTML();
  assert.match(svg, /KLIMIT/, "the address-space diagram");
  assert.doesNotMatch(svg, /✗/, "no rule marked as broken in the picture");
  // Typed keys go to the guest's COM1.
  await page.locator("#terminal").click();
  await page.keyboard.type("help\r");
  assert.equal(await page.evaluate(() => (window as unknown as { tsuki: PageState }).tsuki.sentBytes), 5);
  // The demo ends with a clean power-off.
  await page.waitForFunction(() => (window as unknown as { tsuki: PageState }).tsuki.ending !== undefined, null, { timeout: 120_000 });
  assert.equal(await page.evaluate(() => (window as unknown as { tsuki: PageState }).tsuki.ending), "success");
  assert.equal(await page.locator("#status").textContent(), "powered off cleanly");
  // The screenshot: saved, and neither the page nor the VGA screen is blank.
  const shot = await page.screenshot({ path: path.join(ROOT, "build", "web-test.png"), fullPage: true });
  const whole = pixels(shot);
  assert.ok(whole.colours > 16 && whole.changed > 0.05, `the page's screenshot looks blank: ${whole.colours} colours, ${(whole.changed * 100).toFixed(1)}% non-background`);
  const vga = pixels(await page.locator("#screen").screenshot());
  assert.ok(vga.colours >= 2 && vga.changed > 0.01, `the VGA screen looks blank: ${vga.colours} colours, ${(vga.changed * 100).toFixed(1)}% changed`);
  // blob: URLs are made inside the page (v86's worker code), of the same origin.
  const local = (r: string) => r.startsWith(url) || r.startsWith(`blob:${url.replace(/\/$/, "")}/`);
  assert.deepEqual(requests.filter((r) => !local(r)), [], "every request went to the local server");
  assert.deepEqual(errors, [], "no uncaught errors on the page");
  // The Boot button reboots with another memory size and command line: 64 MB, no initrd there.
  await page.locator("#memory").selectOption("64");
  await page.locator("#cmdline").fill("alpha beta=1 test=none");
  await page.locator("#reboot").click();
  await page.waitForFunction(() => { const t = (window as unknown as { tsuki: PageState }).tsuki; return t.memoryMB === 64 && t.drawn && t.ending !== undefined; }, null, { timeout: 120_000 });
  const again = await page.evaluate(() => (window as unknown as { tsuki: PageState }).tsuki);
  assert.equal(again.initrdSize, 0, "v86 puts an initrd at 64 MiB: none at 64 MB");
  checkLayout(parse(again.serial), 64, 0, again.firmwareTopMB);
  assert.match(again.serial, /^cmdline: alpha beta=1 test=none\r?$/m, "the new command line reached the kernel");
  assert.match(again.serial, /^procmgr: 2 arguments, 2 environment words\r?$/m, "and the process manager's arguments");
  assert.equal(again.ending, "success");
  assert.deepEqual(errors, [], "no uncaught errors after the reboot");
  await page.close();
});

test("the page's TypeScript type-checks against the DOM (tsc -p web)", () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "web")], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
