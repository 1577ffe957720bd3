// Symbolised panics: the addresses of a `PANIC:` report (eip and the stack
// trace) as `file.ts:line function`, read from the ELF files' own line tables
// with binutils' addr2line (gcc's DWARF carries the #line directives, so the
// files are the TypeScript sources). The same for the reports of faults in
// the process manager's user code (`... of process N (procmgr) ended by a
// user-mode exception`), from its ELF; other processes' programs all link at
// the same addresses, so their reports are not symbolised (yet).

import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** An ELF with debug information and the addresses its code occupies. */
export interface SymbolFile {
  path: string;
  low: number;
  high: number;
}

/**
 * The ELFs with debug information of the build IMAGE belongs to (build/tsuki.img):
 * where `tsuki build` writes them. The symboliser and `tsuki debug` both ask here.
 */
export function debugElfsFor(image: string): { setup32: string; kernel: string; procmgr: string; programs: { name: string; path: string }[] } {
  const dir = path.dirname(image);
  const programsDir = path.join(dir, "programs");
  const programs = existsSync(programsDir)
    ? readdirSync(programsDir).filter((f) => f.endsWith(".debug.elf")).sort().map((f) => ({ name: f.replace(/\.debug\.elf$/, ""), path: path.join(programsDir, f) }))
    : [];
  return {
    setup32: path.join(dir, "obj", "setup32", "setup32.debug.elf"),
    kernel: path.join(dir, "kernel.debug.elf"),
    procmgr: path.join(dir, "procmgr.debug.elf"),
    programs,
  };
}

/** The ELFs of a build directory next to IMAGE (build/tsuki.img): setup32 and the kernel. */
export function symbolFilesFor(image: string): SymbolFile[] {
  const elfs = debugElfsFor(image);
  const files: SymbolFile[] = [
    { path: elfs.setup32, low: 0x100000, high: 0x101000 },
    { path: elfs.kernel, low: 0x101000, high: 0x08000000 },
  ];
  return files.filter((f) => existsSync(f.path));
}

/** The process manager's ELF with debug information, for its user-mode faults: all of the user half. */
export function userSymbolFilesFor(image: string): SymbolFile[] {
  const file = debugElfsFor(image).procmgr;
  return existsSync(file) ? [{ path: file, low: 0x08000000, high: 0x100000000 }] : [];
}

/** The code addresses of each user-mode fault report of the process manager in `serial`, report by report. */
export function userFaultAddresses(serial: string): { address: number; isReturn: boolean }[][] {
  const lines = serial.split(/\r?\n/);
  const reports: { address: number; isReturn: boolean }[][] = [];
  lines.forEach((l, i) => {
    if (/ of process \d+ \(procmgr\) ended by a user-mode exception: /.test(l)) reports.push(reportAddresses(lines, i));
  });
  return reports;
}

/** The code addresses of the first PANIC report in `serial`: eip first, then the trace's return addresses. */
export function panicAddresses(serial: string): { address: number; isReturn: boolean }[] {
  const lines = serial.split(/\r?\n/);
  const at = lines.findIndex((l) => l.startsWith("PANIC: "));
  return at < 0 ? [] : reportAddresses(lines, at);
}

/** eip and the trace of the report whose first line is lines[at]. */
function reportAddresses(lines: string[], at: number): { address: number; isReturn: boolean }[] {
  const out: { address: number; isReturn: boolean }[] = [];
  const eip = /\beip 0x([0-9a-f]{8})\b/.exec(lines[at]!);
  // The report's own trace: within its next few lines, before another report starts.
  const trace = lines.slice(at + 1, at + 5).find((l) => /^ {2}trace:/.test(l));
  if (trace) {
    [...trace.matchAll(/0x([0-9a-f]{8})/g)].forEach((m, i) => out.push({ address: Number.parseInt(m[1]!, 16), isReturn: i > 0 }));
  } else if (eip) {
    out.push({ address: Number.parseInt(eip[1]!, 16), isReturn: false });
  }
  return out;
}

/**
 * One line per address: `0xADDRESS file.ts:LINE function`. A return address
 * is looked up one byte back, inside the call instruction, so the line is the
 * call's. Addresses no file covers, or without debug information, say so.
 */
export function symbolize(addresses: { address: number; isReturn: boolean }[], files: SymbolFile[]): string[] {
  return addresses.map(({ address, isReturn }) => {
    const hex = `0x${address.toString(16).padStart(8, "0")}`;
    const file = files.find((f) => address >= f.low && address < f.high);
    if (!file) return `${hex} (outside the files with line tables)`;
    const lookup = `0x${(isReturn ? address - 1 : address).toString(16)}`;
    let out: string;
    try {
      // -i: the chain of inlined calls, innermost first.
      out = execFileSync("addr2line", ["-i", "-f", "-e", file.path, lookup], { encoding: "utf8" });
    } catch (e) {
      return `${hex} (addr2line failed: ${(e as Error).message.split("\n")[0]})`;
    }
    const lines = out.trim().split("\n");
    const frames: { fn: string; where: string }[] = [];
    for (let i = 0; i + 1 < lines.length; i += 2) frames.push({ fn: lines[i]!, where: lines[i + 1]! });
    const shown = (f: { fn: string; where: string }) => {
      const place = f.where.startsWith("??") ? "(no line information)" : path.relative(process.cwd(), f.where.replace(/ \(discriminator \d+\)$/, "")) || f.where;
      return `${place} ${f.fn === "??" ? "" : f.fn}`.trimEnd();
    };
    // The innermost TypeScript frame is where the program was; a runtime
    // intrinsic inlined into it (tsuki.h) is named after it.
    const ts = frames.find((f) => /\.ts:\d+/.test(f.where));
    if (!ts) return `${hex} ${frames[0] ? shown(frames[0]) : "(no line information)"}`;
    const inner = frames[0] !== ts ? ` (in ${shown(frames[0]!)})` : "";
    return `${hex} ${shown(ts)}${inner}`;
  });
}
