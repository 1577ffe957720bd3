// One v86 boot in a process of its own (started by tools/v86.ts): a guest
// fault that makes v86 throw out of its loop (BOOT-NOTES: `RuntimeError:
// unreachable`) ends this process, which the parent turns into a verdict,
// never its own crash. The guest's serial bytes go to stdout as they come;
// what v86 threw goes to stderr as one line starting with V86_THREW, and the
// exit status is then V86_THREW_STATUS. The parent decides when the guest
// has ended (the serial text) and kills this process.

import { readFileSync, writeSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface V86ChildConfig {
  wasm: string; // v86's build/v86.wasm
  bios: string; // SeaBIOS (Debian's /usr/share/seabios/bios.bin)
  vgaBios: string;
  image: string;
  initrd: string; // "" for none
  cmdline: string;
  memoryMB: number;
}

export const V86_THREW = "v86 threw:";
export const V86_THREW_STATUS = 70;

/** Serial bytes not yet written: one write per turn of the event loop, not per byte. */
let pending: number[] = [];

function flush(): void {
  if (pending.length === 0) return;
  const out = Buffer.from(pending);
  pending = [];
  // Synchronous, so nothing is lost when a throw ends the process next; the
  // pipe may be non-blocking, so a full one (EAGAIN) is simply tried again.
  for (let at = 0; at < out.length; ) {
    try {
      at += writeSync(1, out, at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

function threw(e: unknown): never {
  flush(); // what the guest printed before v86 threw
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  process.stderr.write(`${V86_THREW} ${text.split("\n")[0]}\n`);
  process.exit(V86_THREW_STATUS);
}

async function main(): Promise<void> {
  process.on("uncaughtException", threw);
  process.on("unhandledRejection", threw);
  // stdout carries the guest's serial bytes only: v86's own messages go to stderr.
  const toStderr = (...a: unknown[]) => process.stderr.write(`${a.map(String).join(" ")}\n`);
  console.log = console.info = console.warn = console.error = console.debug = toStderr;
  // Loaded here, not at the top: tools/v86.ts imports this file's constants without v86.
  const { V86 } = await import("v86");
  const c = JSON.parse(process.argv[2] ?? "") as V86ChildConfig;
  const file = (p: string) => ({ buffer: new Uint8Array(readFileSync(p)).buffer });
  const emulator = new V86({
    wasm_path: c.wasm,
    bios: file(c.bios),
    vga_bios: file(c.vgaBios),
    bzimage: file(c.image),
    ...(c.initrd !== "" ? { initrd: file(c.initrd) } : {}),
    cmdline: c.cmdline,
    memory_size: c.memoryMB * 0x100000,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
  });
  emulator.add_listener("serial0-output-byte", (b: number) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(b);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch(threw);
