// Makes a fresh machine ready: npm packages, Debian packages, built tools.
// Plain JavaScript with no dependencies, because it runs before `npm ci`.
// Each step is skipped cheaply when nothing changed (stamps and mtimes), so
// a no-op `npm start` reaches the boot quickly; each reports one line with
// its time.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  if (r.status !== 0) {
    console.error(`[setup] failed: ${cmd} ${args.join(" ")} (exit ${r.status ?? r.signal})`);
    process.exit(r.signal === "SIGINT" ? 130 : 1);
  }
}

// Debian packages the build and the tests use; the command says which are there.
export const DEBIAN = ["gcc", "gcc-multilib", "binutils", "qemu-system-x86", "grub-pc-bin", "grub-common", "xorriso", "mtools", "file", "cpio", "gdb", "librsvg2-bin", "seabios", "chromium"];

const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);

function missingDebianPackages() {
  return DEBIAN.filter((pkg) => {
    const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", pkg], { encoding: "utf8" });
    return r.status !== 0 || !r.stdout.includes("install ok installed");
  });
}

function npmPackages() {
  const stamp = path.join(root, "node_modules", ".package-lock.json");
  if (existsSync(stamp) && mtime(stamp) >= mtime(path.join(root, "package-lock.json"))) return "npm packages up to date";
  run("npm", ["ci", "--no-audit", "--no-fund"]);
  return "npm packages installed (npm ci)";
}

// Written when every Debian package was there; valid while dpkg's database is older and the list is the same.
const DEBIAN_STAMP = path.join(root, "node_modules", ".tsuki-debian");

function debianPackages() {
  const list = DEBIAN.join(" ");
  if (existsSync(DEBIAN_STAMP) && readFileSync(DEBIAN_STAMP, "utf8") === list && mtime("/var/lib/dpkg/status") <= mtime(DEBIAN_STAMP)) return "Debian packages present (unchanged)";
  const missing = missingDebianPackages();
  let done = "Debian packages present";
  if (missing.length > 0) {
    if (!process.getuid || process.getuid() !== 0) {
      console.error(`[setup] missing Debian packages; run as root: apt-get install -y ${missing.join(" ")}`);
      process.exit(1);
    }
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    done = `Debian packages installed (${missing.join(" ")})`;
  }
  writeFileSync(DEBIAN_STAMP, list);
  return done;
}

// What tsconfig.json compiles (its "include"), the config itself and the lock file (the TypeScript version).
const TOOL_SOURCES = ["compiler", "tools", "tests", "bench"];
const TOOLS_STAMP = path.join(root, "dist", ".tools-built");

/** The newest mtime of the tools' sources, directories included (a deleted file changes its directory's). */
function newestSource() {
  let newest = Math.max(mtime(path.join(root, "tsconfig.json")), mtime(path.join(root, "package-lock.json")));
  const walk = (dir) => {
    newest = Math.max(newest, mtime(dir));
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith(".ts")) newest = Math.max(newest, mtime(f));
    }
  };
  for (const d of TOOL_SOURCES) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  return newest;
}

function tools() {
  if (existsSync(TOOLS_STAMP) && newestSource() <= mtime(TOOLS_STAMP)) return "tools up to date (tsc skipped)";
  const started = Date.now();
  run(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
  // Stamped with tsc's start: a source saved while it ran is built next time.
  writeFileSync(TOOLS_STAMP, "");
  utimesSync(TOOLS_STAMP, started / 1000, started / 1000);
  return "tools built (tsc)";
}

/** Runs each set-up step, reporting `WHAT TIME s` for each through `report` (default: `[setup] ...` lines). */
export function ensure(report = (line) => console.log(`[setup] ${line}`)) {
  for (const step of [npmPackages, debianPackages, tools]) {
    const t = performance.now();
    const done = step();
    report(`${done} ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensure();
