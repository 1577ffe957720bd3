// `npm run docs`: rewrites the generated blocks of docs/layout.md and
// README.md's layout picture from a fresh build and a 128 MB QEMU boot
// (tools/layoutdoc.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensure } from "./ensure.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
ensure();
const { build } = await import(path.join(root, "dist", "tools", "build.js"));
const { boot } = await import(path.join(root, "dist", "tools", "qemu.js"));
const { layoutDocBlocks, readmeLayoutBlock, withBlocks } = await import(path.join(root, "dist", "tools", "layoutdoc.js"));
const b = await build({ log: () => {} });
const r = await boot({ image: b.image, memoryMB: 128 });
if (r.outcome !== "poweroff") throw new Error(`the boot did not power off cleanly: ${r.message}`);
const doc = path.join(root, "docs", "layout.md");
writeFileSync(doc, withBlocks(readFileSync(doc, "utf8"), layoutDocBlocks(b, r.serial)));
console.log("docs/layout.md: generated blocks rewritten");
const readme = path.join(root, "README.md");
writeFileSync(readme, withBlocks(readFileSync(readme, "utf8"), { layout: readmeLayoutBlock(b.image, r.serial) }, "README.md"));
console.log("README.md: the layout picture rewritten");
