// .vscode/launch.json and tasks.json (issue 10): each launch configuration's
// task runs `tsuki debug --server` on the port the configuration attaches
// to, and what the configuration asks gdb to do works against that server.
// VS Code itself is not run: gdb is given what the C/C++ extension (cppdbg)
// gives it -- setupCommands, `file` of the program, `target remote` of
// miDebuggerServerAddress -- then stops on a TypeScript line, prints, and
// lets the guest power off, which ends the server. The default configuration
// runs on this test's own build (the task's command, with its image named);
// the -Og one as written (it builds build/debug/ itself).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { build, type BuildResult } from "../tools/build.js";
import { freePort } from "../tools/gdbport.js";
import { ROOT } from "../tools/realmode.js";
import { lineOf, mark, runToEnd, section, tsuki } from "./lib/debugging.js";
import { killAll, processesWith } from "./lib/procs.js";

interface Launch { name: string; type: string; request: string; program: string; cwd: string; MIMode: string; miDebuggerServerAddress: string; setupCommands: { text: string }[]; preLaunchTask: string }
interface Task { label: string; type: string; command: string; isBackground: boolean; problemMatcher: { background: { endsPattern: string } } }

const json = (f: string) => JSON.parse(readFileSync(path.join(ROOT, ".vscode", f), "utf8"));
const launches: Launch[] = json("launch.json").configurations;
const tasks: Task[] = json("tasks.json").tasks;

let out: string;
let built: Promise<BuildResult>;
before(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "tsuki-vscode-test-"));
  built = build({ out, log: () => {} });
  return built;
});
after(() => {
  killAll(out);
  rmSync(out, { recursive: true, force: true });
});

/** The task's steps: every one but the last must be a set-up that exists; the last is `tsuki debug --server`'s arguments. */
function serverArgs(task: Task): string[] {
  const steps = task.command.split("&&").map((s) => s.trim());
  const scripts = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
  for (const s of steps.slice(0, -1)) {
    const npm = /^npm run (?:--silent )?(\S+)$/.exec(s);
    const node = /^node (\S+)$/.exec(s);
    assert.ok(npm ? scripts[npm[1]!] !== undefined : node ? existsSync(path.join(ROOT, node[1]!)) : false, `${task.label}: ${s} exists`);
  }
  const last = steps.at(-1)!.split(/\s+/);
  assert.deepEqual(last.slice(0, 4), ["node", "bin/tsuki.js", "debug", "--server"], task.label);
  return last.slice(2);
}

for (const launch of launches) {
  test(`launch.json "${launch.name}" attaches to its task's tsuki debug --server`, { timeout: 180_000 }, async () => {
    assert.equal(launch.type, "cppdbg");
    assert.equal(launch.MIMode, "gdb");
    const task = tasks.find((t) => t.label === launch.preLaunchTask);
    assert.ok(task, `preLaunchTask ${launch.preLaunchTask} is in tasks.json`);
    assert.ok(task.isBackground);
    let args = serverArgs(task);
    const port = /^127\.0\.0\.1:(\d+)$/.exec(launch.miDebuggerServerAddress)?.[1];
    assert.equal(args[args.indexOf("--port") + 1], port, "the task serves the port the configuration attaches to");
    const debugBuild = args.includes("--debug-build");
    const b = await built;
    // The default configuration on this test's build, not on the tree's build/.
    const workspace = (s: string) => (debugBuild ? s.replaceAll("${workspaceFolder}", ROOT) : s.replaceAll("${workspaceFolder}/build", out).replaceAll("${workspaceFolder}", ROOT));
    const free = String(await freePort());
    args = [...args.map((a) => (a === port ? free : a)), ...(debugBuild ? [] : [b.image]), "--qemu-arg=-name", `--qemu-arg=${out}`, "--timeout", "60"];
    const ready = new RegExp(task.problemMatcher.background.endsPattern, "m");
    let attached: Promise<Awaited<ReturnType<typeof runToEnd>>> | undefined;
    const line = lineOf("kernel/main.ts", "buildKernelSpace(t, s);");
    const inner = lineOf("kernel/mm/vm.ts", "installTable(t, slot * TABLE_SPAN, kernelTableAt(s.bootEnd, slot));");
    const commands = path.join(out, `${debugBuild ? "og" : "o2"}.gdb`);
    writeFileSync(commands, [
      ...launch.setupCommands.map((c) => workspace(c.text)),
      `file ${workspace(launch.program)}`,
      `target remote 127.0.0.1:${free}`,
      `break kernel/main.ts:${line}`,
      "continue",
      mark("stop"),
      "bt 1",
      `break kernel/mm/vm.ts:${inner}`,
      "continue",
      mark("args"),
      "info args",
      "delete",
      "continue",
      "",
    ].join("\n"));
    const server = await tsuki(args, 150, (stderr) => {
      if (attached === undefined && ready.test(stderr)) attached = runToEnd("gdb", ["-batch", "-nx", "-x", commands], 60);
    });
    assert.ok(attached, `the task's end pattern appeared\n${server.stderr}`);
    const gdb = await attached;
    const log = `--- gdb\n${gdb.stdout}${gdb.stderr}\n--- server\n${server.stderr}`;
    assert.match(section(gdb.stdout, "stop"), new RegExp(`#0 +kernel_main__enablePaging \\(.*\\) at kernel/main\\.ts:${line}\\n`), log);
    if (debugBuild) {
      // What -Og is for: at -O2 gdb says <optimized out> for these arguments, which gcc keeps only in registers it reuses.
      assert.match(section(gdb.stdout, "args"), /^s = 0x[0-9a-f]+ <kernel_memory\.space>$/m, log);
    }
    assert.match(server.stderr, /^tsuki debug: poweroff: /m, log);
    assert.equal(server.status, 0, log);
    assert.deepEqual(processesWith(out), [], "no QEMU or gdb left behind");
  });
}
