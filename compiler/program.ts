// Builds the TypeScript program for a compilation: the user's files, the
// modules they import, and the systems prelude. Library and prelude source
// files are parsed once per process and shared by later compilations.
import ts from "typescript";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

const here = path.dirname(fileURLToPath(import.meta.url));
/** compiler/prelude/tsuki.d.ts in the source tree (dist/ holds no .d.ts copy). */
export const PRELUDE = findUp(here, path.join("compiler", "prelude", "tsuki.d.ts"));
export const RUNTIME_DIR = path.join(path.dirname(path.dirname(PRELUDE)), "runtime");

function findUp(start: string, rel: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const p = path.join(dir, rel);
    if (existsSync(p)) return p;
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${rel} above ${start}`);
  }
}

export const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2020.d.ts"],
  types: [],
  skipLibCheck: true,
  noFallthroughCasesInSwitch: false,
  allowUnreachableCode: true,
};

const shared = new Map<string, ts.SourceFile>();

export function createProgram(files: string[]): ts.Program {
  const host = ts.createCompilerHost(OPTIONS, true);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const cacheable = fileName === PRELUDE || fileName.includes(`${path.sep}typescript${path.sep}lib${path.sep}`);
    if (!cacheable) return original(fileName, languageVersion, onError, shouldCreate);
    let sf = shared.get(fileName);
    if (!sf) {
      sf = original(fileName, languageVersion, onError, shouldCreate);
      if (sf) shared.set(fileName, sf);
    }
    return sf;
  };
  return ts.createProgram([...files.map((f) => path.resolve(f)), PRELUDE], OPTIONS, host);
}
