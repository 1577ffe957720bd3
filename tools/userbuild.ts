// Building the user programs: the process manager (procmgr/, into the image)
// and every program under programs/NAME/ (main.ts, into build/initrd.cpio as
// NAME), each a systems-TypeScript program compiled with --target user and
// linked with the user library (lib/*.S) by the one user linker script,
// lib/user.ld. A program's start routine is its main.ts's `main`, which the
// link names program_main for lib/start.S.

import { existsSync, readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Builder, assemble, compileTs, filesUnder, libgcc, link, rel } from "./build.js";
import { writeCpio } from "./cpio.js";
import { ROOT } from "./realmode.js";

export interface UserBuild {
  procmgr: string;
  initrd: string;
  programs: string[];
}

/** The C name the compiler gives `main` of the module `entry` (kernel/i686/trap.ts's trapDispatch is kernel_i686_trap__trapDispatch). */
function mainSymbol(entry: string): string {
  return `${path.relative(ROOT, entry).replace(/\.ts$/, "").replace(/[/\\.-]/g, "_")}__main`;
}

async function buildProgram(b: Builder, obj: string, lib: string[], name: string, entry: string, elf: string): Promise<string> {
  const tsObj = path.join(obj, name, `${name}.o`);
  await compileTs(b, `${name}-compile`, entry, "user", tsObj);
  const script = path.join(ROOT, "lib", "user.ld");
  await link(b, `${name}-link`, script, [...lib, tsObj], elf, [await libgcc()], ["--defsym", `program_main=${mainSymbol(entry)}`]);
  return elf;
}

/** The program directories under programs/ (each with a main.ts), sorted. */
function programNames(): string[] {
  const dir = path.join(ROOT, "programs");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "main.ts")))
    .map((e) => e.name)
    .sort();
}

export async function buildUser(b: Builder, obj: string): Promise<UserBuild> {
  const lib = await assemble(b, "lib-assemble", filesUnder(path.join(ROOT, "lib"), ".S"), path.join(obj, "lib"));
  const names = programNames();
  const [procmgr, ...programs] = await Promise.all([
    buildProgram(b, obj, lib, "procmgr", path.join(ROOT, "procmgr", "main.ts"), path.join(b.out, "procmgr.elf")),
    ...names.map((n) => buildProgram(b, obj, lib, `program-${n}`, path.join(ROOT, "programs", n, "main.ts"), path.join(b.out, "programs", `${n}.elf`))),
  ]);
  const initrd = path.join(b.out, "initrd.cpio");
  await b.step({
    name: "initrd",
    says: `cpio newc ${programs.map(rel).join(" ")} -> ${rel(initrd)}`,
    inputs: [...programs, path.join(ROOT, "dist", "tools", "cpio.js")],
    extra: names,
    outputs: [initrd],
    action: async () => {
      const files = await Promise.all(names.map(async (n, i) => ({ name: n, data: await readFile(programs[i]!) })));
      await writeFile(initrd, writeCpio(files));
    },
  });
  return { procmgr: procmgr!, initrd, programs };
}
