// `npm test`: set the machine up, then run every test with node's test runner.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensure } from "./ensure.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
ensure();
const dir = path.join(root, "dist", "tests");
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".test.js"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => path.join(dir, f));
const r = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], { cwd: root, stdio: "inherit" });
process.exit(r.status ?? 1);
