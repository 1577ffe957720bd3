// `tsuki compile`: systems TypeScript to C, then to an i386 object (kernel,
// user) or a Linux i386 executable (host).
import { CompileError, compileProgram, compileToC } from "./index.js";
import type { Target } from "./context.js";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const USAGE = `usage: tsuki compile [--target kernel|user|host] FILES... -o OUT [--emit-c DIR] [--c-only] [--root DIR]

  --target T    kernel, user: one relocatable i386 object (all modules as one unit)
                host: a Linux i386 executable; export function main(): i32 is its status
  -o OUT        the object or executable to write
  --emit-c DIR  where to keep the generated C (default: OUT.gen/)
  --c-only      stop after writing the C files (needs --emit-c)
  --root DIR    module names are relative to DIR (default: the current directory)`;

export async function run(args: string[]): Promise<number> {
  let target: Target = "kernel";
  let out: string | undefined;
  let cDir: string | undefined;
  let root: string | undefined;
  let cOnly = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === "--help" || a === "-h") { console.log(USAGE); return 0; }
      else if (a === "--target") {
        const t = value();
        if (t !== "kernel" && t !== "user" && t !== "host") throw new Error(`unknown target '${t}' (kernel, user, host)`);
        target = t;
      } else if (a === "-o") out = value();
      else if (a === "--emit-c") cDir = value();
      else if (a === "--root") root = value();
      else if (a === "--c-only") cOnly = true;
      else if (a.startsWith("-")) throw new Error(`unknown option ${a}`);
      else files.push(a);
    } catch (e) {
      console.error(`tsuki compile: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
  }
  if (files.length === 0 || (!out && !cOnly) || (cOnly && !cDir)) {
    console.error(`tsuki compile: ${files.length === 0 ? "no input files" : cOnly ? "--c-only needs --emit-c DIR" : "missing -o OUT"}\n${USAGE}`);
    return 2;
  }
  try {
    if (cOnly) {
      const c = compileToC({ files, target, root });
      for (const m of [...c.modules, c.header]) {
        const p = path.join(cDir!, m.cPath);
        await mkdir(path.dirname(p), { recursive: true });
        await writeFile(p, m.c);
      }
    } else {
      await compileProgram({ files, target, out: out!, cDir, root });
    }
    return 0;
  } catch (e) {
    if (e instanceof CompileError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}
