// `npm start`: set the machine up, build the image, boot it headless in QEMU
// with the serial console on this terminal, and exit with `tsuki run`'s
// status (0 when the guest powers off cleanly). Extra arguments go to
// `tsuki run`, e.g. `npm start -- --boot grub --memory 32 --append test=nullread`.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensure } from "./ensure.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsuki = path.join(root, "bin", "tsuki.js");

ensure();
const build = spawnSync(process.execPath, [tsuki, "build"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
// stdin is not passed on: QEMU's -serial stdio must not read the terminal.
const boot = spawnSync(process.execPath, [tsuki, "run", "build/tsuki.img", ...process.argv.slice(2)], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
});
process.exit(boot.status ?? 1);
