// The boot-time rules added for issue 6, on the host: the CPU baseline, the
// boot stack's high-water mark, the memory map's fallbacks (e801, 88h), when
// a command line may have been cut, and setup32's kernel entry check.

import { E820Entry, E820_ENTRY_SIZE, E820_RAM } from "../../kernel/bootinfo";
import { CmdlineCut, cmdlineMayBeCut } from "../../kernel/cmdline";
import { CpuInfo, CpuProblem, FEATURE_PGE, FEATURE_SEP, FEATURE_TSC, baselineProblem, cpuFamily, cpuModel, hasFeature, hasSysenter } from "../../kernel/i686/cpufeatures";
import { KernelEntryProblem, kernelEntryProblem } from "../../kernel/kernelentry";
import { BOOT_STACK_RESERVE, bootEndFor, bootHeapFor, bootStackDeepest, initrdOverlaps, poisonBootArea } from "../../kernel/mm/bootarea";
import { MemorySource, ZP_E820_ENTRIES, fallbackMap, memorySource } from "../../kernel/mm/e820";
import { expect, expectU32, expectU64, suite } from "./check";

const cpu: CpuInfo = zeroed();

function setCpu(hasCpuid: bool, maxLeaf: u32, signature: u32, features: u32): CpuProblem {
  cpu.hasCpuid = hasCpuid;
  cpu.maxLeaf = maxLeaf;
  cpu.signature = signature;
  cpu.features = features;
  return baselineProblem(cpu);
}

function testCpu(): void {
  // Signatures: QEMU's 486 (family 4), pentium (5), pentium2/qemu32 (6), a family-15 Pentium 4.
  expectU32(u32(setCpu(false, 0, 0, 0)), u32(CpuProblem.NoCpuid), "no CPUID: a 386");
  expectU32(u32(setCpu(true, 0, 0, 0)), u32(CpuProblem.NoFeatureLeaf), "CPUID without leaf 1");
  expectU32(u32(setCpu(true, 1, 0x0480, 0x0000000b)), u32(CpuProblem.NoTsc), "QEMU's 486: no TSC");
  expectU32(u32(setCpu(true, 1, 0x0480, FEATURE_TSC)), u32(CpuProblem.Family), "a family-4 CPU with a TSC still has no CR4");
  expectU32(u32(setCpu(true, 1, 0x0543, 0x000001bf)), u32(CpuProblem.Ok), "QEMU's pentium meets the baseline");
  expect(!hasFeature(cpu, FEATURE_PGE), "the Pentium has no global pages");
  expectU32(u32(setCpu(true, 2, 0x0663, 0x0781abfd)), u32(CpuProblem.Ok), "qemu32 meets the baseline");
  expect(hasFeature(cpu, FEATURE_PGE), "qemu32 has global pages");
  cpu.hasCpuid = false;
  expect(!hasFeature(cpu, FEATURE_PGE), "no feature without CPUID, whatever the bits say");
  expectU32(cpuFamily(0x00000f29), 15, "family 15, extended family 0");
  expectU32(cpuFamily(0x00100f00), 16, "family 15 + extended family 1");
  expectU32(cpuModel(0x00000543), 4, "a Pentium MMX: family 5, model 4, no extended model");
  expectU32(cpuModel(0x000306a9), 0x3a, "family 6: extended model 3 joins model 0xa");
  expectU32(cpuModel(0x00010543), 4, "family 5 ignores the extended model field");
  // SYSENTER: the SEP bit, but not on the first Pentium Pro steppings (which set it anyway).
  setCpu(true, 1, 0x0543, 0x000001bf);
  expect(!hasSysenter(cpu), "the Pentium has no SYSENTER");
  setCpu(true, 2, 0x0663, 0x0781abfd);
  expect(hasSysenter(cpu), "qemu32 (a Pentium II signature) has SYSENTER");
  setCpu(true, 2, 0x0611, FEATURE_TSC | FEATURE_SEP);
  expect(!hasSysenter(cpu), "a Pentium Pro, model 1 stepping 1, reports SEP without having it");
  setCpu(true, 2, 0x0633, FEATURE_TSC | FEATURE_SEP);
  expect(hasSysenter(cpu), "model 3 stepping 3 has it");
  setCpu(true, 2, 0x0623, FEATURE_TSC | FEATURE_SEP);
  expect(hasSysenter(cpu), "model 2 stepping 3 has it (the rule is model < 3 and stepping < 3)");
  setCpu(true, 2, 0x000306a9, FEATURE_TSC | FEATURE_SEP);
  expect(hasSysenter(cpu), "a family-6 model 0x3a: the extended model counts");
  setCpu(true, 2, 0x0633, FEATURE_TSC);
  expect(!hasSysenter(cpu), "no SEP bit, no SYSENTER");
}

const stack: Arr<u8, 0x8000> = zeroed({ align: 4096 });

function testBootStack(): void {
  const start = addr(stack);
  const end = start + 0x8000;
  poisonBootArea(start, end);
  memset(start, 0, 0x100); // the heap's objects
  const heapTop = start + 0xfe; // not word aligned
  expectU32(bootStackDeepest(heapTop, end), end, "an unused stack: the high-water mark is boot_end");
  ptr<u32>(end - 12)[0] = 7;
  expectU32(bootStackDeepest(heapTop, end), end - 12, "the deepest changed word");
  ptr<u32>(end - 0x1000)[0] = 0;
  expectU32(bootStackDeepest(heapTop, end), end - 0x1000, "a deep frame");
  ptr<u32>(end - BOOT_STACK_RESERVE - 0x800)[0] = 0;
  expectU32(bootStackDeepest(heapTop, end), end - BOOT_STACK_RESERVE - 0x800, "a frame that skipped the reserve's bottom is still seen");
  expectU32(bootStackDeepest(start + 0x104, end), end - BOOT_STACK_RESERVE - 0x800, "the search starts at the heap's top");
  expectU64(bootHeapFor(0x10a000, 6), 0x10b000n, "boot heap: the page after a 6-entry map");
  expectU64(bootHeapFor(0x10a000, 128), 0x10b000n, "boot heap: 128 entries still fit in a page");
  expectU64(bootEndFor(0x10b000n), 0x11b000n, "boot_end: 64 KiB above the heap");
  expectU64(bootEndFor(bootHeapFor(0xfffff000, 128)), 0x100010000n, "near 4 GiB the sums do not wrap");
  // setup32's initrd check (issue 6: it wrapped in 32 bits).
  expect(initrdOverlaps(0x100000, 0xfff00000, 0x100000n, 0x11b000n), "an initrd from image_start to exactly 4 GiB overlaps");
  expect(initrdOverlaps(0xfff00000, 0x00200000, 0x100000n, 0x11b000n) === false, "one from 0xfff00000 past 4 GiB lies above");
  expect(initrdOverlaps(0x0011a000, 0x1000, 0x100000n, 0x11b000n), "one over the boot stack overlaps");
  expect(!initrdOverlaps(0x0011b000, 0x1000, 0x100000n, 0x11b000n), "one right at boot_end does not");
  expect(!initrdOverlaps(0x000ff000, 0x1000, 0x100000n, 0x11b000n), "one ending right at image_start does not");
  expect(!initrdOverlaps(0x00100000, 0, 0x100000n, 0x11b000n), "size 0: no initrd");
}

const zp: Arr<u8, 4096> = zeroed({ align: 8 });
const map: Arr<u8, 40> = zeroed({ align: 8 });

function entryAt(i: u32): E820Entry {
  return ref<E820Entry>(addr(map) + i * E820_ENTRY_SIZE);
}

function testMemorySource(): void {
  const z = addr(zp);
  expectU32(u32(memorySource(z)), u32(MemorySource.None), "no answer at all");
  expectU32(fallbackMap(z, MemorySource.None, addr(map)), 0, "no map without an answer");
  ptr<u16>(z + 0x002)[0] = 0xfc00; // 88h: 63 MiB
  expectU32(u32(memorySource(z)), u32(MemorySource.Bios88), "only int 0x15 ah=0x88 answered");
  ptr<u32>(z + 0x1e0)[0] = 130048; // e801: 127 MiB
  expectU32(u32(memorySource(z)), u32(MemorySource.E801), "e801 says more than 88h: e801");
  expectU32(fallbackMap(z, MemorySource.E801, addr(map)), 2, "two entries");
  expectU64(entryAt(0).base, 0n, "low memory from 0");
  expectU64(entryAt(0).length, 0x9f000n, "low memory to 0x9f000");
  expectU64(entryAt(1).base, 0x100000n, "high memory from 1 MiB");
  expectU64(entryAt(1).length, 130048n * 1024n, "high memory: alt_mem_k KiB");
  expect(entryAt(0).type === E820_RAM && entryAt(1).type === E820_RAM, "both RAM");
  ptr<u8>(z)[ZP_E820_ENTRIES] = 1;
  expectU32(u32(memorySource(z)), u32(MemorySource.E820), "any e820 entry wins");
}

function testCmdlineCut(): void {
  expectU32(u32(cmdlineMayBeCut(0, 0xb0)), u32(CmdlineCut.No), "empty line");
  expectU32(u32(cmdlineMayBeCut(2046, 0xb0)), u32(CmdlineCut.No), "QEMU, 2046 bytes");
  expectU32(u32(cmdlineMayBeCut(2047, 0xb0)), u32(CmdlineCut.BySetup32), "QEMU, 2047 bytes: setup32's limit");
  expectU32(u32(cmdlineMayBeCut(300, 0xb0)), u32(CmdlineCut.No), "QEMU passes long lines");
  expectU32(u32(cmdlineMayBeCut(254, 0x72)), u32(CmdlineCut.No), "GRUB, 254 bytes");
  expectU32(u32(cmdlineMayBeCut(255, 0x72)), u32(CmdlineCut.ByGrub), "GRUB, 255 bytes: its limit");
}

function testKernelEntry(): void {
  const magic: u32 = 0x464c457f;
  expectU32(u32(kernelEntryProblem(0x101000, 0x7000, magic, 0x101080)), u32(KernelEntryProblem.Ok), "entry inside");
  expectU32(u32(kernelEntryProblem(0x101000, 0x7000, 0, 0x101080)), u32(KernelEntryProblem.NoElf), "no magic");
  expectU32(u32(kernelEntryProblem(0x101000, 0x7000, magic, 0x108000)), u32(KernelEntryProblem.EntryOutside), "entry at the end");
  expectU32(u32(kernelEntryProblem(0x101000, 0xfffff000, magic, 0x100000)), u32(KernelEntryProblem.EntryOutside), "entry below, size wrapping");
}

export function testBoot(): void {
  suite("boot");
  testCpu();
  testBootStack();
  testMemorySource();
  testCmdlineCut();
  testKernelEntry();
}
