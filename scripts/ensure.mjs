// Makes a fresh machine ready: npm packages, Debian packages, built tools.
// Plain JavaScript with no dependencies, because it runs before `npm ci`.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const say = (msg) => console.log(`[setup] ${msg}`);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.status !== 0) {
    console.error(`[setup] failed: ${cmd} ${args.join(" ")} (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

// Debian packages the build and the tests use; the command says which are there.
const DEBIAN = ["gcc", "gcc-multilib", "binutils", "qemu-system-x86", "grub-pc-bin", "grub-common", "xorriso", "mtools", "file", "cpio", "gdb", "librsvg2-bin"];

function missingDebianPackages() {
  return DEBIAN.filter((pkg) => {
    const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
    return r.status !== 0 || !r.stdout.includes("install ok installed");
  });
}

export function ensure() {
  const lock = path.join(root, "package-lock.json");
  const stamp = path.join(root, "node_modules", ".package-lock.json");
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < statSync(lock).mtimeMs) {
    say("installing npm packages (npm ci)");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
  const missing = missingDebianPackages();
  if (missing.length > 0) {
    const cmd = `apt-get install -y ${missing.join(" ")}`;
    if (process.getuid && process.getuid() === 0) {
      say(`installing Debian packages: ${missing.join(" ")}`);
      run("apt-get", ["update", "-qq"]);
      run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    } else {
      console.error(`[setup] missing Debian packages; run as root: ${cmd}`);
      process.exit(1);
    }
  }
  say("building the tools (tsc -p tsconfig.json)");
  run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensure();
