#!/usr/bin/env node
// The `tsuki` command. The tools are TypeScript compiled to dist/ by
// `npm ci` (the `prepare` script) or `npm run build:tools`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
const cli = fileURLToPath(new URL("../dist/tools/cli.js", import.meta.url));
if (!existsSync(cli)) {
  console.error("tsuki: the tools are not built yet; run `npm ci` (or `npm run build:tools`) first");
  process.exit(2);
}
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
