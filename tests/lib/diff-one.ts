// Runs one integer-subset program under Node and compiled for the host, and
// shows where their outputs differ (for chasing a differential-test failure):
//
//   node dist/tests/lib/diff-one.js FILE.ts [MORE.ts...]     (a saved program)
//   node dist/tests/lib/diff-one.js --seed N                  (a random program)
//
// The generated C and the executable stay in the printed scratch directory.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { runModule } from "./node-prelude.js";
import { generateModule } from "./randprog.js";
import { compileProgram, describeError, runExecutable, scratchDir } from "./programs.js";

async function main(argv: string[]): Promise<number> {
  const dir = scratchDir("diff-one");
  let files: string[];
  if (argv[0] === "--seed") {
    const file = path.join(dir, `seed-${argv[1]}.ts`);
    writeFileSync(file, generateModule([Number(argv[1])]));
    files = [file];
  } else {
    files = argv.map((f) => path.resolve(f));
  }
  if (files.length === 0) {
    console.error("usage: diff-one FILE.ts [MORE.ts...] | --seed N");
    return 2;
  }
  console.log(`scratch directory: ${dir}`);
  const node = runModule(files[0]!);
  if (node.error) console.log(`Node error: ${node.error}`);
  const out = path.join(dir, "a.out");
  try {
    await compileProgram({ files, target: "host", out, root: path.dirname(files[0]!), cDir: path.join(dir, "c") });
  } catch (e) {
    console.log(describeError(e));
    return 1;
  }
  const run = await runExecutable(out, 30_000);
  const a = node.stdout.split("\n");
  const b = run.stdout.split("\n");
  let same = true;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      console.log(`line ${i + 1}: Node ${JSON.stringify(a[i] ?? "<end>")}, compiled ${JSON.stringify(b[i] ?? "<end>")}`);
      console.log(`context (Node):\n${a.slice(Math.max(0, i - 5), i + 1).join("\n")}`);
      same = false;
      break;
    }
  }
  if (node.status !== run.status) {
    console.log(`exit status: Node ${node.status}, compiled ${run.status}${run.signal ? ` (${run.signal})` : ""}`);
    same = false;
  }
  console.log(same ? `same output (${a.length - 1} lines)` : "outputs differ");
  return same ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
