// `tsuki debug`: the boot of `tsuki run`, but with QEMU halted before its
// first instruction and its gdb stub on a local port, and gdb attached with
// the build's symbols (tools/gdbscript.ts), so that TypeScript lines can be
// broken on, listed, stepped and printed. --server leaves the attaching to
// another debugger (VS Code: .vscode/launch.json); --batch runs a command
// file and ends, for scripts and tests.
//
// Signals: at the terminal, Ctrl-C belongs to gdb (it stops the guest), so
// QEMU runs in its own process group and this process ignores SIGINT while an
// interactive gdb runs; SIGTERM and SIGHUP, and SIGINT in the other modes,
// stop QEMU and gdb both. No path leaves either behind.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { BOOT_OPTIONS_HELP, parseBootCommand, type BootValues } from "./bootargs.js";
import { build } from "./build.js";
import { prepareGdb } from "./gdbscript.js";
import { freePort, waitForListen } from "./gdbport.js";
import { EXIT_STATUS, boot, type BootResult } from "./qemu.js";
import { ROOT } from "./realmode.js";
import { reportEnd } from "./run.js";

const HELP = `usage: tsuki debug [IMAGE] [--debug-build] [--server] [--port N] [--batch FILE]
                   [--boot qemu|grub|grub16] [--memory MB] [--append CMDLINE] [...]

Boots IMAGE (default build/tsuki.img) as \`tsuki run\` does, but with QEMU
halted at the reset vector and its gdb stub on 127.0.0.1, and runs gdb with
the symbols of setup32, the kernel and the process manager loaded (the
command file IMAGE's directory/gdb/tsuki.gdb). Then, in gdb:
  break kernel/mm/vm.ts:91    break main    continue    bt    list
  print *l    info locals    next    step    tsuki-program ping

  --debug-build    build build/debug/ with gcc -Og (arguments and locals that
                   -O2 keeps only in registers, or drops, stay visible) and
                   debug that image; the default build is left as it is
  --server         no gdb: print the port and the command file, and wait for
                   a debugger to attach (VS Code: .vscode/launch.json)
  --port N         the gdb stub's port (default: a free one)
  --batch FILE     gdb in batch mode: FILE's commands run after the symbols
                   are loaded and gdb is attached; gdb ends with them
${BOOT_OPTIONS_HELP}
  --timeout S      seconds before QEMU is killed (default 0: never)

Exit status: the boot's (as \`tsuki run\`'s) when the guest ended by itself,
otherwise gdb's; 130 when stopped by a signal; 2 for a usage error.`;

/** The image of --debug-build: build/debug/, its C compiled with -Og. */
async function debugBuild(): Promise<string> {
  const r = await build({ out: path.join(ROOT, "build", "debug"), cflags: ["-Og"] });
  return r.image;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = await parseBootCommand({
      command: "debug",
      help: HELP,
      timeoutDefault: "0",
      extra: {
        "debug-build": { type: "boolean" },
        server: { type: "boolean" },
        port: { type: "string" },
        batch: { type: "string" },
      },
      defaultImage: async (v: BootValues) => (v["debug-build"] ? debugBuild() : "build/tsuki.img"),
    }, args);
  } catch (e) {
    console.error(`tsuki debug: ${(e as Error).message}`);
    return 1;
  }
  if ("status" in parsed) return parsed.status;
  const v = parsed.values;
  const usage = (msg: string) => {
    console.error(`tsuki debug: ${msg} (see tsuki debug --help)`);
    return 2;
  };
  if (v["debug-build"] && parsed.boot.image !== path.join(ROOT, "build", "debug", "tsuki.img")) return usage("--debug-build debugs the image it builds; name no IMAGE with it");
  if (v.server && v.batch !== undefined) return usage("--server and --batch exclude each other: --batch runs gdb, --server waits for another debugger");
  const batch = v.batch as string | undefined;
  if (batch !== undefined && !existsSync(batch)) return usage(`--batch ${batch}: no such file`);
  let port: number;
  if (v.port !== undefined) {
    port = Number(v.port);
    if (!Number.isInteger(port) || port < 1024 || port > 65535) return usage(`--port ${v.port}: expected a whole number from 1024 to 65535`);
  } else port = await freePort();

  const image = parsed.boot.image;
  let script: string;
  try {
    script = await prepareGdb(image, ROOT);
  } catch (e) {
    console.error(`tsuki debug: ${(e as Error).message}`);
    return 1;
  }
  const mode = v.server ? "server" : batch !== undefined ? "batch" : "interactive";
  return session({ ...parsed.boot, gdbPort: port }, image, script, port, mode, batch);
}

type Mode = "server" | "batch" | "interactive";

async function session(bootOptions: Parameters<typeof boot>[0], image: string, script: string, port: number, mode: Mode, batch?: string): Promise<number> {
  const stopQemu = new AbortController();
  let gdb: ChildProcess | undefined;
  let signalled = false;
  const cleanup = () => {
    stopQemu.abort();
    gdb?.kill("SIGKILL");
  };
  const stopAll = () => {
    signalled = true;
    cleanup();
  };
  // At the terminal Ctrl-C reaches gdb too: it is gdb's (stop the guest), not ours.
  const onInt = () => {
    if (mode !== "interactive" || gdb === undefined) stopAll();
  };
  process.on("SIGINT", onInt);
  process.on("SIGTERM", stopAll);
  process.on("SIGHUP", stopAll);
  let ended: BootResult | undefined;
  try {
    // In batch mode gdb's output and the guest's share stdout through whole
    // lines: unbuffered, a serial line could land inside a gdb `print`.
    const serialOut = lineWriter(mode === "batch");
    const gdbOut = lineWriter(true);
    const booted = boot({ ...bootOptions, signal: stopQemu.signal, onSerial: (t) => serialOut.write(t) }).then((r) => {
      serialOut.end();
      ended = r;
      return r;
    });
    booted.catch(() => {});
    const where = `127.0.0.1:${port}`;
    if (!(await waitForListen(port, 20000, () => ended !== undefined || signalled))) {
      stopQemu.abort();
      const r = await booted.catch((e: Error) => e);
      console.error(`tsuki debug: QEMU's gdb stub did not listen on ${where}: ${r.message}`);
      return signalled ? EXIT_STATUS.interrupted : EXIT_STATUS.error;
    }
    const relative = path.relative(process.cwd(), script);
    const rel = relative.startsWith("..") ? script : relative;
    if (mode === "server") {
      console.error(`tsuki debug: QEMU is halted, its gdb stub waits on ${where}`);
      console.error(`tsuki debug: attach with: gdb -x ${rel} -ex 'target remote ${where}'`);
    } else {
      gdb = spawn("gdb", gdbArgs(script, where, batch), { stdio: ["inherit", mode === "batch" ? "pipe" : "inherit", "inherit"] });
      gdb.stdout?.setEncoding("utf8");
      gdb.stdout?.on("data", (t: string) => gdbOut.write(t));
      gdb.stdout?.on("end", () => gdbOut.end());
      const gdbEnded = new Promise<number>((resolve) => {
        gdb!.on("error", (e) => {
          console.error(`tsuki debug: could not start gdb (${e.message}); install Debian's gdb: apt-get install gdb`);
          resolve(EXIT_STATUS.error);
        });
        gdb!.on("exit", (code, sig) => resolve(code ?? (sig ? 128 : 1)));
      });
      // Whichever ends first: gdb (QEMU is then stopped) or the guest (gdb is told).
      const first = await Promise.race([gdbEnded.then(() => "gdb" as const), booted.then(() => "qemu" as const, () => "qemu" as const)]);
      if (first === "qemu") {
        const r = await booted.catch((e: Error) => e);
        if (!(r instanceof Error)) reportEnd("debug", r, image);
        // A batch gdb notices the closed connection and ends; give it a moment before making sure.
        const timer = setTimeout(() => gdb?.kill("SIGKILL"), mode === "batch" ? 10000 : 2 ** 31 - 1);
        const gdbStatus = await gdbEnded;
        clearTimeout(timer);
        if (r instanceof Error) {
          console.error(`tsuki debug: error: ${r.message}`);
          return EXIT_STATUS.error;
        }
        return signalled ? EXIT_STATUS.interrupted : r.outcome === "interrupted" ? gdbStatus : EXIT_STATUS[r.outcome];
      }
      const gdbStatus = await gdbEnded;
      // gdb may see the connection close before Node sees QEMU exit (the
      // guest powered off): let QEMU end on its own first, for its verdict.
      const ended = await Promise.race([booted.then(() => true, () => true), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]);
      if (!ended) stopQemu.abort();
      const r = await booted.catch((e: Error) => e);
      if (!(r instanceof Error) && r.outcome !== "interrupted") {
        reportEnd("debug", r, image);
        return EXIT_STATUS[r.outcome];
      }
      if (!signalled) console.error("tsuki debug: gdb ended; QEMU stopped");
      return signalled ? EXIT_STATUS.interrupted : gdbStatus;
    }
    const r = await booted;
    reportEnd("debug", r, image);
    return EXIT_STATUS[r.outcome];
  } catch (e) {
    console.error(`tsuki debug: error: ${(e as Error).message}`);
    return EXIT_STATUS.error;
  } finally {
    cleanup();
    process.off("SIGINT", onInt);
    process.off("SIGTERM", stopAll);
    process.off("SIGHUP", stopAll);
  }
}

/** gdb's command line: the symbols, attach, then the batch file or a hint. */
export function gdbArgs(script: string, where: string, batch?: string): string[] {
  const common = ["-q", "-nx", "-x", script];
  if (batch !== undefined) return ["-batch", ...common, "-ex", "set pagination off", "-ex", `target remote ${where}`, "-x", batch];
  return [...common, "-ex", `target remote ${where}`, "-ex", `echo QEMU is halted at the reset vector: set breakpoints (break main, break kernel/mm/vm.ts:91), then continue.\\n`];
}

/** Writes to stdout in whole lines (or as it comes, when `whole` is false); end() writes what is left. */
function lineWriter(whole: boolean): { write(text: string): void; end(): void } {
  let pending = "";
  return {
    write(text: string) {
      if (!whole) {
        process.stdout.write(text);
        return;
      }
      pending += text;
      const cut = pending.lastIndexOf("\n") + 1;
      if (cut > 0) {
        process.stdout.write(pending.slice(0, cut));
        pending = pending.slice(cut);
      }
    },
    end() {
      if (pending !== "") process.stdout.write(pending);
      pending = "";
    },
  };
}
