// Kernel-target code generation: what gcc makes of the generated C for
// freestanding code, checked in the object's disassembly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileProgram } from "../compiler/index.js";

test("a load through address 0 stays a load: no ud2 (-fno-delete-null-pointer-checks)", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kernel-"));
  const out = path.join(dir, "null.o");
  await compileProgram({ files: ["tests/programs/kernel/null-address-load.ts"], target: "kernel", out });
  const dis = execFileSync("objdump", ["-d", out], { encoding: "utf8" });
  for (const fn of ["readZero", "timerVector"]) {
    const body = dis.split(`<tests_programs_kernel_null_address_load__${fn}>:`)[1]?.split("\n\n")[0];
    assert.ok(body, `${fn} is in the object:\n${dis}`);
    assert.doesNotMatch(body, /ud2/, `${fn} must not trap:\n${body}`);
    assert.match(body, /ret/, `${fn} returns:\n${body}`);
  }
});

test("the host target needs an exported main(): i32", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kernel-"));
  await assert.rejects(
    compileProgram({ files: ["tests/programs/kernel/null-address-load.ts"], target: "host", out: path.join(dir, "x") }),
    /host program needs `export function main\(\): i32`/,
  );
});

// The device modules of the exec tests machine_ports and machine_registers run
// on the host with their instructions recorded; for the kernel, the same files
// must give the instructions themselves, inline, with nothing left to link.
test("modules tested on the host's recorded machine compile unchanged to real instructions", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kernel-"));
  const out = path.join(dir, "devices.o");
  const files = ["machine_ports/pic.ts", "machine_ports/uart.ts", "machine_registers/cpu.ts"].map((f) => `tests/programs/exec/${f}`);
  await compileProgram({ files, target: "kernel", out });
  const undefinedSymbols = execFileSync("nm", ["-u", out], { encoding: "utf8" }).trim();
  assert.equal(undefinedSymbols, "", "no runtime functions stand in for instructions");
  const dis = execFileSync("objdump", ["-d", "--no-show-raw-insn", out], { encoding: "utf8" });
  const expected: [string, RegExp[]][] = [
    ["picRemap", [/\bin\s+\$0x21,%al/, /\bin\s+\$0xa1,%al/, /\bout\s+%al,\$0x20/, /\bout\s+%al,\$0xa1/]],
    ["picEndOfInterrupt", [/\bout\s+%al,\$0xa0/, /\bout\s+%al,\$0x20/]],
    ["uartSend", [/\bin\s+\(%dx\),%al/, /\bpause\b/, /\bout\s+%al,\(%dx\)/]],
    ["pciRead", [/\bout\s+%eax,\(%dx\)/, /\bin\s+\(%dx\),%eax/]],
    ["readWords", [/\bin\s+\(%dx\),%ax/]],
    ["writeWord", [/\bout\s+%ax,\(%dx\)/]],
    ["enablePaging", [/,%cr3/, /%cr4,/, /,%cr4/, /%cr0,/, /,%cr0/]],
    ["faultPage", [/%cr2,/]],
    ["flushRange", [/\binvlpg\b/]],
    ["loadTables", [/\blgdtl?\b/, /\blret\b/, /,%ds/, /,%es/, /,%fs/, /,%gs/, /,%ss/, /\bltr\b/, /\blidtl?\b/]],
    ["sysenterInit", [/\bwrmsr\b/]],
    ["apicEnable", [/\brdmsr\b/, /\bwrmsr\b/]],
    ["idleOnce", [/\bsti\b[\s\S]*\bhlt\b[\s\S]*\bcli\b/]],
  ];
  for (const [fn, patterns] of expected) {
    const body = dis.split(new RegExp(`<\\w+__${fn}>:`))[1]?.split("\n\n")[0];
    assert.ok(body, `${fn} is in the object:\n${dis}`);
    for (const re of patterns) assert.match(body, re, `${fn}:\n${body}`);
    assert.doesNotMatch(body, /\bcall\b/, `${fn} calls nothing:\n${body}`);
  }
});

test("kernel-style modules compile unchanged for the kernel target, privileged instructions and all", async () => {
  // The same files that tests/programs/exec/kernel_idioms/main.ts drives on the host.
  const dir = mkdtempSync(path.join(os.tmpdir(), "tsuki-kernel-"));
  const out = path.join(dir, "idioms.o");
  const modules = ["pagemap", "runqueue", "idt"].map((m) => `tests/programs/exec/kernel_idioms/${m}.ts`);
  await compileProgram({ files: modules, target: "kernel", out });
  const dis = execFileSync("objdump", ["-d", out], { encoding: "utf8" });
  const body = (fn: string) => dis.split(new RegExp(`<tests_programs_exec_kernel_idioms_${fn}>:`))[1]?.split("\n\n")[0] ?? "";
  assert.match(body("pagemap__unmap"), /invlpg/, "unmap flushes the TLB entry");
  assert.match(body("idt__install"), /lidtl?\s/, "install loads the IDT");
  assert.match(body("runqueue__enqueue"), /ret/, "the run queue is in the object");
});
