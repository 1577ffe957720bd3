// Finds instructions above Tsuki's CPU baseline (i586, the Pentium) in an
// object's disassembly: what objdump decodes, checked against the families
// Intel introduced after the Pentium (SDM vol. 1, chapter 2 and 5): P6's
// CMOVcc/FCMOVcc/FCOMI, UD2, RDPMC, SYSENTER/SYSEXIT, FXSAVE, multi-byte
// NOPs (0F 1F) and endbr (hint NOPs), MMX/SSE/AVX (any %mm, %xmm, %ymm,
// %zmm or %k operand), and later scalar extensions.

import { execFileSync } from "node:child_process";

const ABOVE_I586: RegExp[] = [
  /^f?cmov/, /^fu?comip?$/, /^ud[0-2]$/, /^rdpmc$/, /^sys(enter|exit|call|ret)$/, /^fx(save|rstor)/,
  /^endbr/, /^(l|m|s)fence$/, /^clflush/, /^prefetch/, /^movnt/, /^(ld|st)mxcsr$/, /^f?emms$/,
  /^rdtscp$/, /^(popcnt|lzcnt|tzcnt|movbe|crc32|cmpxchg16b|xgetbv|xsave|xrstor|rdrand|rdseed)/,
  /^(andn|bextr|blsi|blsmsk|blsr|bzhi|mulx|pdep|pext|rorx|sarx|shlx|shrx|adcx|adox)$/,
];
const VECTOR_REGISTER = /%(x|y|z)?mm\d|%k\d/;

export interface Finding {
  address: string;
  text: string;
  /** The symbol whose code it is in (objdump's `<name>:` header), "" if none. */
  symbol: string;
}

/**
 * Instructions above the baseline that the code uses only behind a CPUID
 * check, by the symbol they are in: the sysenter entry's `sysexit`
 * (sysenter_common in kernel/i686/traps.S, reached only from
 * kernel/i686/user.S's sysenter_entry once sysenterInit() found SEP and set
 * the MSRs) and the user library's `sysenter` stubs (lib/syscall.S, called
 * only when the kernel's auxiliary vector says it set them up).
 */
export const GUARDED: Readonly<Record<string, RegExp>> = {
  sysenter_common: /^sysexit$/,
  sys_sysenter: /^sysenter$/,
  sys_sysenter_flags: /^sysenter$/,
};

/** Instructions above i586 in `file` (an object or ELF); `mode16` decodes as 8086 (real-mode code). */
export function aboveI586(file: string, mode16 = false): { findings: Finding[]; instructions: number; mnemonics: Set<string> } {
  const args = ["-d", "--no-show-raw-insn", ...(mode16 ? ["-M", "i8086"] : []), file];
  const text = execFileSync("objdump", args, { encoding: "utf8", maxBuffer: 64 << 20 });
  const findings: Finding[] = [];
  const mnemonics = new Set<string>();
  let instructions = 0;
  let symbol = "";
  for (const line of text.split("\n")) {
    const header = /^[0-9a-f]+ <([^>]+)>:$/.exec(line);
    if (header !== null) symbol = header[1]!;
    const m = /^\s*([0-9a-f]+):\t(.*)$/.exec(line);
    if (m === null) continue;
    const insn = m[2]!.trim();
    // Strip prefixes objdump prints as words; "(bad)" is data, not code.
    const words = insn.split(/\s+/).filter((w) => !/^(lock|rep[nz]*|data16|data32|addr16|addr32|[cdefgs]s|bnd|notrack)$/.test(w));
    const mnemonic = words[0] ?? "";
    if (mnemonic === "" || mnemonic === "(bad)" || mnemonic === ".byte") continue;
    instructions++;
    mnemonics.add(mnemonic);
    // A NOP with an operand is the P6's 0F 1F long NOP; "nop" alone (90) and "xchg %ax,%ax" are not.
    const longNop = /^nop[wl]?$/.test(mnemonic) && words.length > 1;
    if (longNop || ABOVE_I586.some((re) => re.test(mnemonic)) || VECTOR_REGISTER.test(insn)) {
      findings.push({ address: m[1]!, text: insn, symbol });
    }
  }
  return { findings, instructions, mnemonics };
}
