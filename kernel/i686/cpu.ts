// Reading the CPU's identity: CPUID, and only after checking that the CPU has
// it (cpuid.S). The rules about what the answers mean are in cpufeatures.ts.
// tsuki: optimize for size

import { CpuInfo } from "./cpufeatures";

/** cpuid.S: 1 if EFLAGS.ID can be flipped, i.e. the CPU has CPUID. */
declare function cpu_has_cpuid(): u32;

/** Fills `c` from CPUID; a CPU without CPUID leaves it all zero. */
export function readCpu(c: CpuInfo): void {
  c.hasCpuid = false;
  c.maxLeaf = 0;
  c.signature = 0;
  c.features = 0;
  if (cpu_has_cpuid() === 0) return;
  c.hasCpuid = true;
  const r: CpuidResult = zeroed();
  cpuid(0, 0, r);
  c.maxLeaf = r.eax;
  c.vendor[0] = r.ebx;
  c.vendor[1] = r.edx;
  c.vendor[2] = r.ecx;
  c.extFeatures = 0;
  if (c.maxLeaf < 1) return;
  cpuid(1, 0, r);
  c.signature = r.eax;
  c.features = r.edx;
  cpuid(0x80000000, 0, r);
  if (r.eax >= 0x80000001 && r.eax < 0x90000000) {
    cpuid(0x80000001, 0, r);
    c.extFeatures = r.edx;
  }
}
