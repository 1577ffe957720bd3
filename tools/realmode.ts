// Builds the image's two real-mode parts from boot/boot.S, boot/setup16.S and
// the helpers setup16 calls (boot/memory16.S, boot/a20.S).
//
// The setup header straddles the first sector boundary (0x1F1-0x22F), so the
// two sources are linked together by boot/realmode.ld into one ELF whose two
// output sections become the parts: .bootsect -> boot.bin (512 bytes) and
// .setup -> setup16.bin (header's second half + setup16, whole sectors).
// tools/build.ts and the tests call this rather than repeating the recipe.

import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CPU_BASELINE } from "../compiler/baseline.js";

const exec = promisify(execFile);

/** The repository root (dist/tools/realmode.js -> ../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface RealModeParts {
  boot: string; // boot sector, 512 bytes
  setup16: string; // the rest of the real-mode part
  elf: string; // linked ELF, with symbols, for objdump/gdb
}

async function tool(cmd: string, args: string[]): Promise<void> {
  try {
    await exec(cmd, args);
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${err.stderr?.trim() || err.message}`);
  }
}

/**
 * Assembles and links boot/boot.S + boot/setup16.S into outDir/{boot,setup16}.bin.
 * `defines` (e.g. ["TSUKI_TEST_NO_E820"]) are for tests that need a setup16
 * variant; the build uses none.
 */
export async function buildRealMode(outDir: string, bootDir = path.join(ROOT, "boot"), defines: string[] = []): Promise<RealModeParts> {
  await mkdir(outDir, { recursive: true });
  const o = (f: string) => path.join(outDir, f);
  await Promise.all(
    ["boot", "setup16", "memory16", "a20"].map((name) => tool("gcc", ["-m32", "-c", "-Wa,--fatal-warnings", `-Wa,-march=${CPU_BASELINE}`, ...defines.map((d) => `-D${d}`), path.join(bootDir, `${name}.S`), "-o", o(`${name}.o`)])),
  );
  const elf = o("realmode.elf");
  await tool("ld", ["-m", "elf_i386", "--no-warn-rwx-segments", "-z", "noexecstack", "-T", path.join(bootDir, "realmode.ld"), o("boot.o"), o("setup16.o"), o("memory16.o"), o("a20.o"), "-o", elf]);
  const boot = o("boot.bin");
  const setup16 = o("setup16.bin");
  await tool("objcopy", ["-O", "binary", "-j", ".bootsect", elf, boot]);
  await tool("objcopy", ["-O", "binary", "-j", ".setup", elf, setup16]);
  return { boot, setup16, elf };
}
