// Tsuki's CPU baseline and the CPUID bits it reads: pure, so the rule is
// tested on the host (tests/kernel-host/cpu.ts) and the same code decides in
// setup32 (which refuses a CPU below the baseline before anything else runs)
// and in the kernel (which uses features above it only when present).
//
// Baseline: i586 (Pentium): CPUID, the time-stamp counter, CR4 (family 5 and
// later), 4 KB pages. Everything is compiled with gcc -march=i586 (no cmov:
// that is i686). Above the baseline, detected and used only when present:
// global pages (PGE), later SYSENTER and PAE.
// tsuki: optimize for size

/** What CPUID says about this CPU (all zero if it has no CPUID). */
export interface CpuInfo {
  hasCpuid: bool;
  /** CPUID.0:EAX, the highest basic leaf. */
  maxLeaf: u32;
  /** CPUID.1:EAX, family/model/stepping. */
  signature: u32;
  /** CPUID.1:EDX, the feature flags. */
  features: u32;
  /** CPUID.0:EBX, EDX, ECX: the vendor's 12 characters, in this order. */
  vendor: Arr<u32, 3>;
  /** CPUID.80000001h:EDX (0 when the CPU has no such leaf): NX lives here. */
  extFeatures: u32;
}

// CPUID.1:EDX bits (Intel SDM vol. 2A, CPUID, table 3-11).
export const FEATURE_TSC: u32 = 1 << 4;
export const FEATURE_PSE: u32 = 1 << 3;
export const FEATURE_PGE: u32 = 1 << 13;
export const FEATURE_SEP: u32 = 1 << 11;
export const FEATURE_PAE: u32 = 1 << 6;
// CPUID.80000001h:EDX (AMD64 and Intel SDM): execute-disable.
export const EXT_FEATURE_NX: u32 = 1 << 20;

/** The model, extended model included for families 6 and 15 (SDM: "Display Model"). */
export function cpuModel(signature: u32): u32 {
  const family = (signature >>> 8) & 0xf;
  const model = (signature >>> 4) & 0xf;
  return family === 6 || family === 0xf ? model + (((signature >>> 16) & 0xf) << 4) : model;
}

/** The first family with CR4 and the features above (Pentium). */
const BASELINE_FAMILY: u32 = 5;

export const enum CpuProblem {
  Ok = 0,
  NoCpuid,
  NoFeatureLeaf,
  NoTsc,
  Family,
}

/** Why a CPU is below the baseline, for the one line setup32 prints (indexed by CpuProblem). */
export const CPU_PROBLEMS: readonly CStr[] = [
  "ok",
  "this CPU has no CPUID instruction (a 386 or an early 486)",
  "this CPU's CPUID has no feature leaf (leaf 1)",
  "this CPU has no time-stamp counter (CPUID.1:EDX.TSC)",
  "this CPU is of family 4 or older (486): it has no CR4",
];

/** The line setup32 prints before it names the problem. */
export const CPU_BASELINE_MESSAGE: CStr = "Tsuki needs an i586 (Pentium) or newer CPU: ";

/** The CPU family, extended family included (SDM: "Display Family"). */
export function cpuFamily(signature: u32): u32 {
  const family = (signature >>> 8) & 0xf;
  return family === 0xf ? family + ((signature >>> 20) & 0xff) : family;
}

/** The first reason `c` is below the baseline, or Ok. */
export function baselineProblem(c: CpuInfo): CpuProblem {
  if (!c.hasCpuid) return CpuProblem.NoCpuid;
  if (c.maxLeaf < 1) return CpuProblem.NoFeatureLeaf;
  if ((c.features & FEATURE_TSC) === 0) return CpuProblem.NoTsc;
  if (cpuFamily(c.signature) < BASELINE_FAMILY) return CpuProblem.Family;
  return CpuProblem.Ok;
}

/** True if `c` has every bit of `feature` (CPUID.1:EDX); false without CPUID. */
export function hasFeature(c: CpuInfo, feature: u32): bool {
  return c.hasCpuid && c.maxLeaf >= 1 && (c.features & feature) === feature;
}

/**
 * True if SYSENTER/SYSEXIT really work: the SEP bit, except on the first
 * Pentium Pro steppings, which set it without having the instructions
 * (family 6, model below 3, stepping below 3: Intel SDM vol. 2B, SYSENTER).
 */
export function hasSysenter(c: CpuInfo): bool {
  if (!hasFeature(c, FEATURE_SEP)) return false;
  const early = cpuFamily(c.signature) === 6 && cpuModel(c.signature) < 3 && (c.signature & 0xf) < 3;
  return !early;
}
