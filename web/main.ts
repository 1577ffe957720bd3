// The demo page (npm run web, tools/web.ts): boots build/tsuki.img in v86 in
// this tab, everything served from build/web. The serial console is an
// xterm.js terminal (typed bytes go to the guest's COM1), the VGA screen sits
// beside it, and the memory layout is drawn from the boot's own `layout:`
// lines by the same code as `tsuki layout` (tools/layoutdraw.ts) and checked
// by the same rules (tools/layoutrules.ts). Bundled by esbuild, not tsc: it
// sees the DOM, not Node.

import { Terminal } from "@xterm/xterm";
// The single import point of the drawing code shared with `tsuki layout`.
import { LayoutError, imageInfo, layoutModel, layoutSvg } from "../tools/layoutdraw.js";
import { checkRules, parse } from "../tools/layoutrules.js";
import { v86Ending } from "../tools/verdict.js";

/** What tools/web.ts wrote beside the page (boot.json). */
interface BootConfig {
  initrdSize: number; // bytes of initrd.cpio, 0 when there is none
  initrdMinMB: number; // v86 puts an initrd at 64 MiB: below this RAM it boots without (tools/v86.ts)
  firmwareTopMB: number; // SeaBIOS under v86 keeps this much reserved at the top of RAM
}

declare const V86: new (options: Record<string, unknown>) => {
  add_listener(event: string, f: (arg: number) => void): void;
  serial0_send(data: string): void;
  destroy(): Promise<void>;
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLSpanElement>("status");
const layoutBox = $<HTMLDivElement>("layout");

const term = new Terminal({ cols: 100, rows: 30, convertEol: false, scrollback: 5000 });
term.open($("terminal"));

/** What the page exposes to its browser test (tests/web.test.ts) and to a curious console. */
const state = {
  serial: "",
  memoryMB: 0,
  initrdSize: 0,
  firmwareTopMB: 0,
  sentBytes: 0, // bytes typed into the terminal and handed to the guest's COM1
  drawn: false, // the layout picture is drawn
  ending: undefined as string | undefined,
};
(window as unknown as { tsuki: typeof state }).tsuki = state;

let emulator: InstanceType<typeof V86> | undefined;
let files: { image: ArrayBuffer; initrd?: ArrayBuffer; config: BootConfig } | undefined;

term.onData((data) => {
  if (emulator === undefined) return;
  emulator.serial0_send(data);
  state.sentBytes += new TextEncoder().encode(data).length;
});

async function load(): Promise<NonNullable<typeof files>> {
  const get = async (url: string) => {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${url}: ${r.status} ${r.statusText}`);
    return r;
  };
  const config = (await (await get("boot.json")).json()) as BootConfig;
  const image = await (await get("tsuki.img")).arrayBuffer();
  const initrd = config.initrdSize > 0 ? await (await get("initrd.cpio")).arrayBuffer() : undefined;
  return { image, initrd, config };
}

let redraw: number | undefined;
function drawLayout(): void {
  redraw = undefined;
  if (files === undefined) return;
  let model;
  try {
    model = layoutModel(state.serial, imageInfo(new Uint8Array(files.image)));
  } catch (e) {
    if (e instanceof LayoutError) return; // the report is not complete yet
    throw e;
  }
  const rules = checkRules(parse(state.serial), state.memoryMB, state.initrdSize, state.firmwareTopMB);
  layoutBox.innerHTML = layoutSvg(model, rules);
  state.drawn = true;
}

async function bootOnce(memoryMB: number, cmdline: string): Promise<void> {
  if (emulator !== undefined) await emulator.destroy();
  files ??= await load();
  const withInitrd = files.initrd !== undefined && memoryMB >= files.config.initrdMinMB;
  Object.assign(state, { serial: "", memoryMB, initrdSize: withInitrd ? files.config.initrdSize : 0, firmwareTopMB: files.config.firmwareTopMB, drawn: false, ending: undefined });
  term.reset();
  layoutBox.textContent = "waiting for the boot's layout report";
  status.textContent = `booting with ${memoryMB} MB${withInitrd ? "" : ", no initrd (v86 puts it at 64 MiB)"}`;
  emulator = new V86({
    wasm_path: "v86.wasm",
    bios: { url: "bios.bin" },
    vga_bios: { url: "vgabios.bin" },
    bzimage: { buffer: files.image },
    ...(withInitrd ? { initrd: { buffer: files.initrd } } : {}),
    cmdline,
    memory_size: memoryMB * 0x100000,
    screen_container: $("screen"),
    autostart: true,
    disable_mouse: true,
    disable_speaker: true,
  });
  const booted = emulator;
  booted.add_listener("serial0-output-byte", (b) => {
    if (booted !== emulator) return;
    const c = String.fromCharCode(b);
    term.write(c);
    state.serial += c;
    if (c === "\n" && /^layout: /m.test(state.serial) && redraw === undefined) redraw = window.setTimeout(drawLayout, 50);
    const end = c === "\n" ? v86Ending(state.serial) : undefined;
    if (end !== undefined && state.ending === undefined) {
      state.ending = end;
      status.textContent = end === "success" ? "powered off cleanly" : end === "failure" ? "powered off after a failure (panic)" : "the machine restarted";
    }
  });
}

$<HTMLFormElement>("controls").addEventListener("submit", (e) => {
  e.preventDefault();
  const memoryMB = Number($<HTMLSelectElement>("memory").value);
  bootOnce(memoryMB, $<HTMLInputElement>("cmdline").value).catch((err) => (status.textContent = `error: ${err}`));
});

// A boot as the page opens: ?memory=MB&cmdline=... pick another (the browser test uses them).
const params = new URLSearchParams(location.search);
if (params.has("memory")) $<HTMLSelectElement>("memory").value = params.get("memory")!;
if (params.has("cmdline")) $<HTMLInputElement>("cmdline").value = params.get("cmdline")!;
bootOnce(Number($<HTMLSelectElement>("memory").value), $<HTMLInputElement>("cmdline").value).catch((err) => (status.textContent = `error: ${err}`));
