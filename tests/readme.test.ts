// README.md cannot drift from the code (issue 10): every command in its
// fenced `sh` blocks is a known command whose options exist — an npm script
// in package.json (with `npm start -- ...`'s options those of `tsuki run`),
// or a `tsuki` command whose `--help` names each option used — and the fast
// ones are run, in README's order, with the exit status README implies.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../tools/realmode.js";

const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const SCRIPTS = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;

/** The commands of README's ```sh blocks, one a line, without their `# comments`. */
function readmeCommands(text: string): string[] {
  return [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((m) =>
    m[1]!.split("\n").map((l) => l.replace(/\s+#.*$/, "").trim()).filter((l) => l !== ""));
}

const help = new Map<string, string>();
function helpOf(command: string): string | undefined {
  if (!help.has(command)) {
    const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "tsuki.js"), command, "--help"], { cwd: ROOT, encoding: "utf8" });
    help.set(command, r.status === 0 ? r.stdout : "");
  }
  return help.get(command) || undefined;
}

/** The options (`--name`, `-o`) of `words` that `tsuki COMMAND --help` does not describe. */
function unknownOptions(command: string, words: string[]): string[] {
  const text = helpOf(command);
  if (text === undefined) return [`tsuki ${command}: no such command`];
  return words.filter((w) => /^--?[a-z]/.test(w)).map((w) => w.split("=")[0]!)
    .filter((o) => !new RegExp(`(^|[\\s\\[|])${o.replace(/-/g, "\\-")}([\\s\\]=|,]|$)`, "m").test(text))
    .map((o) => `tsuki ${command}: no option ${o}`);
}

/** What is wrong with a README command: an unknown command, script or option (none: []). */
function commandProblems(line: string): string[] {
  const w = line.split(/\s+/);
  if (w[0] === "npm") {
    const script = w[1] === "run" ? w[2]! : w[1]!;
    if (SCRIPTS[script] === undefined) return [`npm: package.json has no script ${script}`];
    const rest = w.slice(w.indexOf("--") + 1);
    return script === "start" && w.includes("--") ? unknownOptions("run", rest) : [];
  }
  if (w[0] === "node" && w[1] === "bin/tsuki.js" && w[2] !== undefined) return unknownOptions(w[2], w.slice(3));
  return [`not a command README may name: ${line}`];
}

/** The commands the test runs, with the exit status each must have (the rest are only checked). */
const RUN: Record<string, { status: number; out?: RegExp }> = {
  "npm start": { status: 0, out: /^The spec's layout rules: (\d+) of \1 hold$/m },
  "node bin/tsuki.js layout build/start.log --svg build/layout.svg": { status: 0, out: /^The address space$/m },
  "node bin/tsuki.js layout --memory 64": { status: 0, out: /e820 RAM totals just under 64 MB/ },
  "node bin/tsuki.js build": { status: 0 },
  "node bin/tsuki.js run": { status: 0, out: /procmgr: demo done/ },
  "node bin/tsuki.js run --append test=nullread": { status: 1, out: /kernel\/selftest\.ts:\d+ kernel_selftest__runTestModes/ },
};

describe("README.md", () => {
  const commands = readmeCommands(README);

  it("has fenced sh commands, among them the two commands and tsuki layout", () => {
    for (const c of ["npm start", "npm test", "node bin/tsuki.js layout build/start.log --svg build/layout.svg"]) assert.ok(commands.includes(c), c);
  });

  it("names only commands and options that exist", () => {
    assert.deepEqual(commands.flatMap(commandProblems), []);
  });

  it("the check refuses a command or an option that does not exist", () => {
    assert.deepEqual(commandProblems("node bin/tsuki.js run --no-such-option"), ["tsuki run: no option --no-such-option"]);
    assert.deepEqual(commandProblems("node bin/tsuki.js nosuch"), ["tsuki nosuch: no such command"]);
    assert.deepEqual(commandProblems("npm run nosuch"), ["npm: package.json has no script nosuch"]);
    assert.deepEqual(commandProblems("npm start -- --memroy 32"), ["tsuki run: no option --memroy"]);
    assert.deepEqual(commandProblems("make all"), ["not a command README may name: make all"]);
    assert.deepEqual(commandProblems("node bin/tsuki.js layout --svg x.svg --memory 64"), []);
  });

  it("every command the test runs is still in README", () => {
    assert.deepEqual(Object.keys(RUN).filter((c) => !commands.includes(c)), []);
  });

  for (const c of commands.filter((x) => RUN[x] !== undefined)) {
    it(`runs: ${c}`, { timeout: 180_000 }, () => {
      const r = spawnSync("sh", ["-c", c], { cwd: ROOT, encoding: "utf8", timeout: 170_000 });
      assert.equal(r.status, RUN[c]!.status, `${r.stdout}\n${r.stderr}`);
      if (RUN[c]!.out) assert.match(r.stdout + r.stderr, RUN[c]!.out!);
    });
  }
});
