// The boot tests' view of what the kernel prints at boot: the parsing and
// the spec's layout rules live in tools/layoutrules.ts (`tsuki layout` prints
// the same rules); here they become assertions. Shared by the boot tests
// (tests/boot.test.ts, tests/cpu.test.ts, tests/loader.test.ts, ...).

import assert from "node:assert/strict";
import type { BootResult } from "../../tools/run.js";
import { checkRules, parse as parseLog, type Report } from "../../tools/layoutrules.js";

export { hex, type Range, type Report } from "../../tools/layoutrules.js";

/** Runs assertions on a boot; if one fails, the failure carries the serial log. */
export function withLog(r: BootResult, check: () => void): void {
  try {
    check();
  } catch (e) {
    const err = e as Error;
    err.message += `\n--- ${r.outcome}: ${r.message}\n--- serial log:\n${r.serial}--- end of serial log`;
    throw err;
  }
}

/** The boot's report; a `layout:` value printed twice fails. */
export function parse(serial: string): Report {
  const rep = parseLog(serial);
  assert.deepEqual(rep.duplicates, [], "layout: values printed twice");
  return rep;
}

export function field(r: Report, name: string): number {
  const v = r.layout.get(name);
  assert.notEqual(v, undefined, `no "layout: ${name}=0x........" line`);
  return v!;
}

/** Every rule of the spec's layout (tools/layoutrules.ts) holds on what the kernel reported. */
export function checkLayout(rep: Report, memoryMB: number, initrdSize = 0, firmwareTopMB = 0): void {
  const failed = checkRules(rep, memoryMB, initrdSize, firmwareTopMB).filter((r) => !r.ok);
  assert.deepEqual(failed.map((r) => `${r.rule}: ${r.detail}`), [], "layout rules that do not hold");
}
