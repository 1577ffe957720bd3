// `tsuki run`: boots an image headless and turns how the guest ended into an
// exit status. The serial console streams to stdout; the one-line verdict
// goes to stderr so stdout stays exactly what the guest printed.

import { parseBootCommand, BOOT_OPTIONS_HELP } from "./bootargs.js";
import { panicAddresses, symbolFilesFor, symbolize, userFaultAddresses, userSymbolFilesFor } from "./symbolize.js";
import { EXIT_STATUS, boot, type BootOptions, type BootResult } from "./qemu.js";

export { boot, BOOT_MODES, EXIT_STATUS, type BootMode, type BootOptions, type BootResult, type Outcome } from "./qemu.js";

const HELP = `usage: tsuki run [IMAGE] [--boot qemu|grub|grub16|v86] [--memory MB] [--append CMDLINE]
                 [--initrd FILE] [--machine pc|q35] [--cpu MODEL] [--smp N]
                 [--timeout S] [--gui] [--qemu-arg ARG]...

Boots IMAGE (default build/tsuki.img) headless in QEMU (i386, TCG) with the
serial console on stdout and an isa-debug-exit device at port 0xf4; with
--boot v86, in the v86 emulator inside Node instead (no isa-debug-exit: the
kernel's last line, power-off: success|failure, says how it ended; a fault
v86 cannot deliver, where a CPU would triple-fault, is a reset).

${BOOT_OPTIONS_HELP}
  --timeout S      seconds before QEMU is killed (default 30)

After a panic, stderr also lists the report's code addresses (eip and the
stack trace) as TypeScript file:line and function, from the build's debug
ELFs next to IMAGE (addr2line).

Exit status and the line printed on stderr:
  0    poweroff     the guest wrote 0x10 to port 0xf4 (QEMU status 33)
  1    panic        the guest wrote 0x11 (QEMU status 35), or printed PANIC:
                    and then hung or reset
  3    reset        reset or triple fault (QEMU exits 0 under -no-reboot)
  4    timeout      no power-off within the timeout
  5    error        QEMU or GRUB failed (GRUB printed an error: line, or the
                    initrd asked for did not reach the kernel), or an unknown
                    debug-exit value
  130  interrupted  SIGINT (Ctrl-C) or SIGTERM: QEMU killed first
  2                 usage error`;

/** Aborts `controller` on Ctrl-C and SIGTERM until the returned function is called. */
export function abortOnSignals(controller: AbortController): () => void {
  const stop = () => controller.abort();
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);
  return () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    process.off("SIGHUP", stop);
  };
}

export async function run(args: string[]): Promise<number> {
  return (await runBoot(args)).status;
}

/**
 * `tsuki run ARGS`: the boot, streamed to stdout, and how it ended (also for
 * `npm start`, which draws the layout from the same boot's log).
 */
export async function runBoot(args: string[]): Promise<{ status: number; result?: BootResult; options?: BootOptions }> {
  const parsed = await parseBootCommand({ command: "run", help: HELP, timeoutDefault: "30" }, args);
  if ("status" in parsed) return { status: parsed.status };
  const image = parsed.boot.image;
  const controller = new AbortController();
  const release = abortOnSignals(controller);
  let result;
  try {
    result = await boot({ ...parsed.boot, signal: controller.signal, onSerial: (text) => process.stdout.write(text) });
  } catch (e) {
    console.error(`tsuki run: error: ${(e as Error).message}`);
    return { status: EXIT_STATUS.error, options: parsed.boot };
  } finally {
    release();
  }
  reportEnd("run", result, image);
  return { status: EXIT_STATUS[result.outcome], result, options: parsed.boot };
}

/**
 * Ends the serial output's last line, lists a panic's and each process
 * manager user fault's code addresses as TypeScript lines, and prints the
 * verdict: `tsuki COMMAND: OUTCOME: message`, on stderr.
 */
export function reportEnd(command: string, result: BootResult, image: string): void {
  if (result.serial !== "" && !result.serial.endsWith("\n")) process.stdout.write("\n");
  if (result.outcome === "panic") {
    // Where it happened, in TypeScript: eip and the stack trace through the line tables.
    const places = symbolize(panicAddresses(result.serial), symbolFilesFor(image));
    if (places.length > 0) console.error(`tsuki ${command}: the panic's code addresses:\n${places.map((p) => `  ${p}`).join("\n")}`);
  }
  for (const report of userFaultAddresses(result.serial)) {
    const places = symbolize(report, userSymbolFilesFor(image));
    if (places.length > 0) console.error(`tsuki ${command}: a user fault's code addresses (procmgr):\n${places.map((p) => `  ${p}`).join("\n")}`);
  }
  console.error(`tsuki ${command}: ${result.outcome}: ${result.message}`);
}
