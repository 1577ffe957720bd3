// `npm run web [-- --no-serve] [--port N]`: builds the demo page into
// build/web/ (web/main.ts bundled by esbuild with xterm.js and the layout
// drawing code; v86's libv86.js and v86.wasm, SeaBIOS, the image and its
// initrd copied beside it), then serves that folder on 127.0.0.1 and prints
// the URL. Nothing on the page comes from the network: only from build/web.

import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { build as esbuild } from "esbuild";
import { build } from "./build.js";
import { ROOT } from "./realmode.js";
import { SEABIOS, V86_INITRD_ADDRESS, V86_SEABIOS_RESERVE, VGABIOS, v86Files, v86InitrdProblem } from "./v86.js";

export const WEB_DIR = path.join(ROOT, "build", "web");

/** The smallest RAM, in MiB, with which v86 can take an initrd of `size` bytes. */
function initrdMinMB(size: number): number {
  let mb = Math.ceil((V86_INITRD_ADDRESS + V86_SEABIOS_RESERVE) / 0x100000);
  while (v86InitrdProblem(mb, size) !== undefined) mb++;
  return mb;
}

/** Builds the image (incrementally) and the page; returns the folder. */
export async function buildWeb(log: (line: string) => void = () => {}): Promise<string> {
  const b = await build({ log });
  mkdirSync(WEB_DIR, { recursive: true });
  const web = (f: string) => path.join(WEB_DIR, f);
  await esbuild({
    entryPoints: [path.join(ROOT, "web", "main.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outfile: web("main.js"),
    sourcemap: true,
    logLevel: "warning",
  });
  const xterm = path.join(path.dirname(createRequire(import.meta.url).resolve("@xterm/xterm")), "..", "css", "xterm.css");
  const v86 = v86Files();
  const copies: [string, string][] = [
    [path.join(ROOT, "web", "index.html"), "index.html"],
    [path.join(ROOT, "web", "style.css"), "style.css"],
    [xterm, "xterm.css"],
    [path.join(path.dirname(v86.lib), "libv86.js"), "libv86.js"],
    [v86.wasm, "v86.wasm"],
    [SEABIOS, "bios.bin"],
    [VGABIOS, "vgabios.bin"],
    [b.image, "tsuki.img"],
  ];
  const initrdSize = existsSync(b.initrd) ? statSync(b.initrd).size : 0;
  if (initrdSize > 0) copies.push([b.initrd, "initrd.cpio"]);
  for (const [from, to] of copies) {
    if (!existsSync(from)) throw new Error(`${from}: missing (run node scripts/ensure.mjs)`);
    copyFileSync(from, web(to));
  }
  const config = { initrdSize, initrdMinMB: initrdMinMB(initrdSize), firmwareTopMB: V86_SEABIOS_RESERVE / 0x100000 };
  writeFileSync(web("boot.json"), `${JSON.stringify(config, null, 2)}\n`);
  log(`[web] ${WEB_DIR}: the page, v86, SeaBIOS, ${path.basename(b.image)}${initrdSize > 0 ? " and initrd.cpio" : ""}`);
  return WEB_DIR;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
  ".wasm": "application/wasm", ".map": "application/json",
};

/** Serves `dir` on 127.0.0.1:`port` (0: any free port); files only, nothing outside `dir`. */
export function serveWeb(dir: string, port: number): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "") || "index.html";
    const file = path.join(dir, name);
    if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`${name}: not in ${dir}\n`);
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(await readFile(file));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const a = server.address();
      resolve({ url: `http://127.0.0.1:${typeof a === "object" && a !== null ? a.port : port}/`, server });
    });
  });
}

async function main(args: string[]): Promise<number> {
  let v;
  try {
    v = parseArgs({ args, options: { "no-serve": { type: "boolean" }, port: { type: "string", default: "8086" } } }).values;
  } catch (e) {
    console.error(`npm run web: ${(e as Error).message}\nusage: npm run web [-- --no-serve] [--port N]`);
    return 2;
  }
  const port = Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`npm run web: --port ${v.port}: expected a port number from 0 to 65535`);
    return 2;
  }
  const dir = await buildWeb((l) => console.log(l));
  if (v["no-serve"]) return 0;
  const { url } = await serveWeb(dir, port);
  console.log(`[web] serving ${dir} at ${url} (Ctrl-C stops)`);
  return new Promise(() => {});
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.join(ROOT, "dist", "tools", "web.js")) {
  main(process.argv.slice(2)).then((s) => process.exit(s), (e) => {
    console.error(`npm run web: error: ${(e as Error).message}`);
    process.exit(1);
  });
}
