// Tsuki's CPU baseline, the one place it is named: gcc compiles every C unit
// with -march=CPU_BASELINE (gcc.ts), gas assembles with it (tools/build.ts,
// tools/realmode.ts), and tests/cpu.test.ts disassembles everything against
// it. i586 = the Pentium: CPUID, TSC, CR4, 4 KB pages (kernel/i686/cpufeatures.ts
// checks the CPU at boot). No dependencies, so the tools load it cheaply.
export const CPU_BASELINE = "i586";
