// `tsuki build` (`npm run build`): builds the boot image and its parts.
//
//   boot/boot.S + boot/setup16.S      --gcc, ld, objcopy-->  boot.bin, setup16.bin
//   boot/setup32/*.S + setup.ts       --tsuki compile, gcc, ld, objcopy-->  build/setup32.bin
//   kernel/**/*.ts + kernel/**/*.S    --tsuki compile, gcc, ld kernel.ld-->  build/kernel.elf
//   procmgr/, programs/*/ + lib/      --tsuki compile, ld lib/user.ld-->  build/procmgr.elf, build/initrd.cpio (tools/userbuild.ts)
//   the five parts                    --tsuki image-->  build/tsuki.img
//
// Incremental: every step hashes what it reads (sources, the compiler
// itself, flags) and is skipped when the hash matches the one recorded in
// build/.stamps/ and its outputs exist. An unchanged tree costs one hash pass.

import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { CPU_BASELINE } from "../compiler/baseline.js";
import { buildImage } from "./image.js";
import { buildUser } from "./userbuild.js";
import { ROOT, buildRealMode } from "./realmode.js";

const exec = promisify(execFile);

export interface BuildOptions {
  /** Output directory (default build/ in the repository). */
  out?: string;
  /** Prints each step (default: console.log). */
  log?: (line: string) => void;
  /** Rebuilds every step even if its inputs did not change. */
  force?: boolean;
  /** gcc flags put before each TypeScript program's own (so setup32's -Os still wins): -Og for `tsuki debug --debug-build`. */
  cflags?: string[];
}

export interface BuildResult {
  image: string;
  kernel: string;
  procmgr: string;
  setup32: string;
  /** The user programs' archive, build/initrd.cpio (newc), and the programs in it. */
  initrd: string;
  programs: string[];
  /** Steps that ran and steps skipped as up to date. */
  ran: string[];
  skipped: string[];
}

const LD = ["-m", "elf_i386", "--no-warn-rwx-segments", "-z", "noexecstack", "-z", "max-page-size=0x1000"];
/** gas refuses instructions above the CPU baseline (compiler/gcc.ts), as gcc does not emit them. */
const AS = ["-m32", "-c", "-Wa,--fatal-warnings", `-Wa,-march=${CPU_BASELINE}`];

// ---- inputs and hashing -------------------------------------------------

export function filesUnder(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

/**
 * The systems-TypeScript modules `entry` reaches through relative imports:
 * what the compiler will read. (A regex is enough for our own sources; a
 * module it missed would still be compiled, only not hashed.)
 */
function moduleClosure(entry: string): string[] {
  const seen = new Set<string>();
  const todo = [path.resolve(entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bfrom\s+["'](\.{1,2}\/[^"']+)["']/g)) {
      const base = path.resolve(path.dirname(file), m[1]!);
      for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
        if (existsSync(candidate) && statSync(candidate).isFile()) {
          todo.push(candidate);
          break;
        }
      }
    }
  }
  return [...seen].sort();
}

/** The compiler as it runs: its built JavaScript, C runtime and prelude. */
function compilerFiles(): string[] {
  return [
    ...filesUnder(path.join(ROOT, "dist", "compiler"), ".js"),
    ...filesUnder(path.join(ROOT, "compiler", "runtime"), ""),
    path.join(ROOT, "compiler", "prelude", "tsuki.d.ts"),
  ];
}

const contentHashes = new Map<string, string>();

function hashFiles(files: string[], extra: string[]): string {
  const h = createHash("sha256");
  for (const x of extra) h.update(`${x}\0`);
  for (const f of files) {
    let digest = contentHashes.get(f);
    if (digest === undefined) {
      digest = existsSync(f) ? createHash("sha256").update(readFileSync(f)).digest("hex") : "missing";
      contentHashes.set(f, digest);
    }
    h.update(`${path.relative(ROOT, f)}\0${digest}\0`);
  }
  return h.digest("hex");
}

// ---- steps --------------------------------------------------------------

export interface Step {
  name: string;
  /** What the step does, for the log. */
  says: string;
  inputs: string[];
  /** Flags, tool versions and anything else that changes the result. */
  extra: string[];
  outputs: string[];
  action: () => Promise<void>;
}

export class Builder {
  readonly ran: string[] = [];
  readonly skipped: string[] = [];
  constructor(
    readonly out: string,
    readonly log: (line: string) => void,
    readonly force: boolean,
    readonly cflags: string[] = [],
  ) {}

  private stampPath(step: Step): string {
    return path.join(this.out, ".stamps", `${step.name}.sha256`);
  }

  async step(s: Step): Promise<void> {
    // Output files written by earlier steps must be hashed as they are now.
    for (const f of s.inputs) contentHashes.delete(f);
    const hash = hashFiles(s.inputs, [s.name, ...s.extra, ...s.outputs.map((o) => path.relative(ROOT, o))]);
    const stamp = this.stampPath(s);
    const upToDate =
      !this.force && s.outputs.every((o) => existsSync(o)) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
    if (upToDate) {
      this.skipped.push(s.name);
      return;
    }
    const started = performance.now();
    this.log(`[build] ${s.name}: ${s.says}`);
    await rm(stamp, { force: true });
    for (const o of s.outputs) await mkdir(path.dirname(o), { recursive: true });
    await s.action();
    for (const o of s.outputs) contentHashes.delete(o);
    await mkdir(path.dirname(stamp), { recursive: true });
    await writeFile(stamp, hash);
    this.ran.push(s.name);
    const ms = performance.now() - started;
    if (ms > 500) this.log(`[build] ${s.name}: done in ${(ms / 1000).toFixed(1)} s`);
  }
}

export async function tool(cmd: string, args: string[]): Promise<string> {
  try {
    const r = await exec(cmd, args, { cwd: ROOT, maxBuffer: 16 << 20 });
    return r.stdout;
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new BuildError(`${cmd} ${args.join(" ")} failed:\n${(err.stderr || err.stdout || err.message).trim()}`);
  }
}

export class BuildError extends Error {}

let libgccPath: string | undefined;
export async function libgcc(): Promise<string> {
  libgccPath ??= (await tool("gcc", ["-m32", "-print-libgcc-file-name"])).trim();
  return libgccPath;
}

export const rel = (p: string) => path.relative(ROOT, p);

/** Compiles a systems-TypeScript program (entry + what it imports) to one object. */
export async function compileTs(b: Builder, name: string, entry: string, target: "kernel" | "user", obj: string, ownFlags: string[] = []): Promise<void> {
  const modules = moduleClosure(entry);
  const cflags = [...b.cflags, ...ownFlags];
  await b.step({
    name,
    says: `tsuki compile --target ${target} ${rel(entry)} (${modules.length} modules) -> ${rel(obj)}`,
    inputs: [...modules, ...compilerFiles()],
    extra: [target, ...cflags],
    outputs: [obj],
    action: async () => {
      const compiler = await import("../compiler/index.js");
      const cDir = path.join(path.dirname(obj), "gen");
      await rm(cDir, { recursive: true, force: true });
      try {
        await compiler.compileProgram({ files: [entry], target, out: obj, root: ROOT, cDir, cflags });
      } catch (e) {
        if (e instanceof compiler.CompileError) throw new BuildError(`${rel(entry)}: compile error\n${e.message}`);
        throw e;
      }
    },
  });
}

/** Assembles each .S file of `sources` into objDir. */
export async function assemble(b: Builder, name: string, sources: string[], objDir: string): Promise<string[]> {
  const objs = sources.map((s) => path.join(objDir, `${path.basename(s, ".S")}.o`));
  await b.step({
    name,
    says: `gcc -m32 -c ${sources.map(rel).join(" ")}`,
    inputs: sources,
    extra: AS,
    outputs: objs,
    action: async () => {
      await Promise.all(sources.map((s, i) => tool("gcc", [...AS, s, "-o", objs[i]!])));
    },
  });
  return objs;
}

/**
 * Links `objs` with a linker script. ELF parts that go into the image are
 * written twice: OUT.debug with gcc's debug information (for gdb), and OUT
 * without it (symbols kept), because the image carries the file whole and
 * the kernel runs in place: debug sections would only make it bigger.
 */
export async function link(b: Builder, name: string, script: string, objs: string[], out: string, libs: string[] = [], ldflags: string[] = []): Promise<void> {
  const debug = out.replace(/\.elf$/, ".debug.elf");
  const outputs = out.endsWith(".elf") ? [out, debug] : [out];
  const flags = [...LD, ...ldflags];
  await b.step({
    name,
    says: `ld -T ${rel(script)} -> ${outputs.map(rel).join(", ")}`,
    inputs: [script, ...objs, ...libs],
    extra: [...flags, "objcopy --strip-all"],
    outputs,
    action: async () => {
      if (outputs.length === 1) {
        await tool("ld", [...flags, "-T", script, ...objs, ...libs, "-o", out]);
        return;
      }
      await tool("ld", [...flags, "-T", script, ...objs, ...libs, "-o", debug]);
      // The image carries code and data only: symbols and DWARF stay in the
      // .debug.elf beside it, for gdb, the symbolizer and the tools.
      await tool("objcopy", ["--strip-all", debug, out]);
    },
  });
}

// ---- the build ----------------------------------------------------------

async function buildSetup32(b: Builder, obj: string): Promise<string> {
  const dir = path.join(ROOT, "boot", "setup32");
  const tsObj = path.join(obj, "setup32", "setup.o");
  const elf = path.join(b.out, "obj", "setup32", "setup32.elf");
  const bin = path.join(b.out, "setup32.bin");
  // -Os, and only the functions and data it uses (the kernel modules it
  // shares have more): setup32 and its stack share one 4 KiB page.
  await compileTs(b, "setup32-compile", path.join(dir, "setup.ts"), "kernel", tsObj, ["-Os", "-ffunction-sections", "-fdata-sections"]);
  // cpuid.S: the CPU baseline check needs it before anything else runs.
  const asmSources = [...filesUnder(dir, ".S"), path.join(ROOT, "kernel", "i686", "cpuid.S")];
  const asm = await assemble(b, "setup32-assemble", asmSources, path.join(obj, "setup32"));
  await link(b, "setup32-link", path.join(dir, "setup32.ld"), [...asm, tsObj], elf, [], ["--gc-sections"]);
  await b.step({
    name: "setup32-flat",
    says: `objcopy -O binary ${rel(elf)} -> ${rel(bin)}`,
    inputs: [elf],
    extra: [],
    outputs: [bin],
    action: async () => {
      await tool("objcopy", ["-O", "binary", elf, bin]);
    },
  });
  return bin;
}

async function buildKernel(b: Builder, obj: string): Promise<string> {
  const dir = path.join(ROOT, "kernel");
  const tsObj = path.join(obj, "kernel", "kernel.o");
  const elf = path.join(b.out, "kernel.elf");
  await compileTs(b, "kernel-compile", path.join(dir, "main.ts"), "kernel", tsObj);
  const asm = await assemble(b, "kernel-assemble", filesUnder(dir, ".S"), path.join(obj, "kernel"));
  // libgcc: 64-bit division, should the kernel ever use it.
  await link(b, "kernel-link", path.join(dir, "kernel.ld"), [...asm, tsObj], elf, [await libgcc()]);
  return elf;
}

async function buildBootSector(b: Builder, obj: string): Promise<{ boot: string; setup16: string }> {
  const dir = path.join(obj, "realmode");
  const boot = path.join(dir, "boot.bin");
  const setup16 = path.join(dir, "setup16.bin");
  const sources = ["boot.S", "setup16.S", "memory16.S", "a20.S", "realmode.ld"].map((f) => path.join(ROOT, "boot", f));
  await b.step({
    name: "realmode",
    says: "gcc + ld boot/boot.S boot/setup16.S -> boot.bin, setup16.bin",
    inputs: [...sources, path.join(ROOT, "dist", "tools", "realmode.js")],
    extra: [],
    outputs: [boot, setup16],
    action: async () => {
      await buildRealMode(dir);
    },
  });
  return { boot, setup16 };
}

/** Builds everything that changed; returns the paths of the products. */
export async function build(opts: BuildOptions = {}): Promise<BuildResult> {
  const out = path.resolve(opts.out ?? path.join(ROOT, "build"));
  const b = new Builder(out, opts.log ?? ((l) => console.log(l)), opts.force ?? false, opts.cflags);
  const obj = path.join(out, "obj");
  // Independent chains run concurrently (gcc runs as child processes).
  const [real, setup32, kernel, user] = await Promise.all([
    buildBootSector(b, obj),
    buildSetup32(b, obj),
    buildKernel(b, obj),
    buildUser(b, obj),
  ]);
  const procmgr = user.procmgr;
  const image = path.join(out, "tsuki.img");
  await b.step({
    name: "image",
    says: `tsuki image -> ${rel(image)}`,
    inputs: [
      real.boot, real.setup16, setup32, kernel, procmgr,
      ...["image", "parts", "bootproto", "inspect", "elf"].map((m) => path.join(ROOT, "dist", "tools", `${m}.js`)),
    ],
    extra: [],
    outputs: [image],
    action: async () => {
      const built = buildImage({
        boot: await readFile(real.boot),
        setup16: await readFile(real.setup16),
        setup32: await readFile(setup32),
        kernel: await readFile(kernel),
        procmgr: await readFile(procmgr),
      });
      await writeFile(image, built.image);
      b.log(`[build] image: ${rel(image)}, ${built.image.length} bytes, image_top 0x${built.layout.imageTop.toString(16)}`);
    },
  });
  return { image, kernel, procmgr, setup32, initrd: user.initrd, programs: user.programs, ran: b.ran, skipped: b.skipped };
}

const HELP = `usage: tsuki build [--out DIR] [--force] [--quiet]

Builds build/tsuki.img and its parts (build/setup32.bin, build/kernel.elf,
build/procmgr.elf), and the user programs of programs/ into
build/initrd.cpio. Steps whose inputs did not change are skipped.

  --out DIR   output directory (default build/)
  --force     rebuild every step
  --quiet     print nothing but errors`;

export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: "string" },
        force: { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(`tsuki build: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const started = performance.now();
  try {
    const r = await build({ out: values.out, force: values.force, log: values.quiet ? () => {} : undefined });
    if (!values.quiet) {
      const s = ((performance.now() - started) / 1000).toFixed(2);
      const what = r.ran.length === 0 ? "everything up to date" : `${r.ran.length} steps ran, ${r.skipped.length} up to date`;
      console.log(`[build] ${rel(r.image)}: ${what} (${s} s)`);
    }
    return 0;
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`tsuki build: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
